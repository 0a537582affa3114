/**
 * lumen's own small addition to dbus-java, whose packages this bundle exports too: finding and reaching the
 * desktop's session bus.
 */
@Export
@Version("1.1.0")
package io.lumen.dbus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
