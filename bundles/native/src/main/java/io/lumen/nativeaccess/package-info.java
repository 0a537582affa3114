/**
 * Panama FFM helpers every native backend shares: finding a system library or saying plainly why it is
 * unavailable, and making downcalls that capture errno. (2.0.0: WarnOnce moved out, to libs/log.)
 */
@Export
@Version("2.0.0")
package io.lumen.nativeaccess;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
