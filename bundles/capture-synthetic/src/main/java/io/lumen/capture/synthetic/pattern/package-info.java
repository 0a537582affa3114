/**
 * The synthetic test picture and the stamp it carries: usable without OSGi, so tests and tools can paint the same
 * frames the capture backend sends and read the stamps back from decoded video.
 */
@Export
@Version("1.0.0")
package io.lumen.capture.synthetic.pattern;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
