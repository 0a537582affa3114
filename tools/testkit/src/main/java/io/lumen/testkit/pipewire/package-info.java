/**
 * A private PipeWire daemon (with an optional WirePlumber), a GStreamer video producer and a headless KWin on that
 * daemon, for tests that talk to the real libpipewire: capture-pipewire's, and the gamescope and KWin backends' node
 * discovery.
 */
@Export
@Version("1.2.0")
package io.lumen.testkit.pipewire;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
