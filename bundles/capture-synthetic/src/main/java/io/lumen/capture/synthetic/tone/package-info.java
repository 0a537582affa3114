/**
 * The synthetic audio signal: a sine per channel ({@link io.lumen.capture.synthetic.tone.Tone}) and the beep it
 * sounds in the first quarter of every second of the capture clock
 * ({@link io.lumen.capture.synthetic.tone.BeepSignal}). Usable without OSGi, so encoder tests can feed the same
 * tones and receivers can compute what the capture sent.
 */
@Export
@Version("1.0.0")
package io.lumen.capture.synthetic.tone;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
