/**
 * A Moonlight client written from the protocol facts, for tests that pair with, list and launch on a real host,
 * and receive its audio stream ({@link io.lumen.testkit.moonlight.AudioReceiver}).
 */
@Export
@Version("1.1.0")
package io.lumen.testkit.moonlight;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
