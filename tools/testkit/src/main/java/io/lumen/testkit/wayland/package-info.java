/** A scripted Wayland compositor speaking the real wire protocol, for tests of lumen's Wayland clients. */
@Export
@Version("1.0.0")
package io.lumen.testkit.wayland;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
