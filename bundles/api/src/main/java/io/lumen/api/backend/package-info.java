@Export
@Version("1.1.0")
package io.lumen.api.backend;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
