@Export
@Version("1.5.0")
package io.lumen.api.encode;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
