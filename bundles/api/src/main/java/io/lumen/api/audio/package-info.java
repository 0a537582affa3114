/**
 * Audio as a media path: a capture backend delivers PCM periods, the session's audio pipeline cuts them into the
 * client's packet duration, an encoder backend makes one packet of each, and a protocol's sink sends them.
 */
@Export
@Version("1.0.0")
package io.lumen.api.audio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
