@Export
@Version("1.3.0")
package io.lumen.api.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
