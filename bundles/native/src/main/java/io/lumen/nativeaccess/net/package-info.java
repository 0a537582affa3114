/**
 * A UDP socket through FFM for the media paths that send near the kernel's limit: batches of equally sized
 * datagrams from one off-heap region (UDP GSO, else sendmmsg, else one send each), batched receives (recvmmsg,
 * optionally UDP GRO), buffer sizes past the sysctl caps where allowed, and the socket's drop counter.
 */
@Export
@Version("1.1.0")
package io.lumen.nativeaccess.net;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
