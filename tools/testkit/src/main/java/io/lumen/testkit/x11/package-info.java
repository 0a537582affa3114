/**
 * A private Xvfb server, an observer of the input events that reach it ({@code xinput test-xi2}) and a window that
 * reports what its keys type ({@code xev}), for tests of injectors that talk to a real X server.
 */
@Export
@Version("1.1.0")
package io.lumen.testkit.x11;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
