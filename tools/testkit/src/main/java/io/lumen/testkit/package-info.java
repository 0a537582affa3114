/** Test support: Annex-B parsing, ffmpeg decoding, stamp tracking. */
@Export
@Version("1.0.0")
package io.lumen.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
