/**
 * Audio test support: the real libopus decoder, as a client runs it, and measurements on what it decodes (a channel
 * out of interleaved samples, its level, its dominant frequency).
 */
@Export
@Version("1.0.0")
package io.lumen.testkit.audio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
