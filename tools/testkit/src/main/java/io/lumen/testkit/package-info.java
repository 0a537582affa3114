/** Test support: Annex-B parsing, ffmpeg decoding, stamp tracking, finding the system programs tests drive. */
@Export
@Version("1.3.0")
package io.lumen.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
