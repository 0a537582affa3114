/**
 * lumen's own small addition to dbus-java, whose packages this bundle exports too: finding and reaching the
 * desktop's session bus (SessionBuses), and calls and signals as plain messages (BusMessages) so a caller's classes
 * never reach dbus-java's static caches.
 */
@Export
@Version("1.2.0")
package io.lumen.dbus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
