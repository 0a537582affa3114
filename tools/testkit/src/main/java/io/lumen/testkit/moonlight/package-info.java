/**
 * A Moonlight client written from the protocol facts, for tests that pair with, list and launch on a real host,
 * and receive its video stream.
 */
@Export
@Version("1.1.0")
package io.lumen.testkit.moonlight;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
