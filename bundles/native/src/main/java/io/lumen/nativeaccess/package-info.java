/**
 * Panama FFM helpers every native backend shares: finding a system library or saying plainly why it is
 * unavailable, making downcalls that capture errno, and counting silent drop paths with a single log line each.
 */
@Export
@Version("1.0.0")
package io.lumen.nativeaccess;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
