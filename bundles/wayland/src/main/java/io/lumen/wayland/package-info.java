/**
 * A Wayland client for lumen's compositor backends, over the system's libwayland-client (1.20 or later) through
 * FFM: {@link io.lumen.wayland.WaylandConnection} (one dispatch thread per connection, the registry and the
 * outputs), protocol interfaces described at run time ({@link io.lumen.wayland.WaylandInterface}), requests by
 * opcode ({@link io.lumen.wayland.Requests}) and events through one dispatcher
 * ({@link io.lumen.wayland.EventHandler}), and where the compositor is ({@link io.lumen.wayland.WaylandSettings}).
 */
@Export
@Version("1.0.0")
package io.lumen.wayland;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
