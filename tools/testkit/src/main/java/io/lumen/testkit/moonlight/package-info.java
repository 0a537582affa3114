/**
 * A Moonlight client written from the protocol facts, for tests that pair with, list and launch on a real host,
 * run the RTSP handshake ({@link io.lumen.testkit.moonlight.RtspTestClient}) and receive its video
 * ({@link io.lumen.testkit.moonlight.VideoReceiver}) and audio ({@link io.lumen.testkit.moonlight.AudioReceiver}).
 * Under loss it heals like a stock client and counts what it saw; tools/testkit/README.md says how a test asks for
 * loss and reads the counters.
 */
@Export
@Version("2.0.0")
package io.lumen.testkit.moonlight;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
