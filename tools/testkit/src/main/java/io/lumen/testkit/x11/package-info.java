/**
 * A private Xvfb server and an observer of the input events that reach it ({@code xinput test-xi2}), for tests of
 * injectors that talk to a real X server.
 */
@Export
@Version("1.0.0")
package io.lumen.testkit.x11;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
