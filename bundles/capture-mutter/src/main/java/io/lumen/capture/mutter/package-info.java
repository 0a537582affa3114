/**
 * What capture-mutter shares with input-mutter: the remote-desktop session Mutter links to each live cast, found
 * by the lumen session it streams for. Mutter takes absolute pointer positions only in the coordinates of a stream
 * of the same linked session, so input for a cast must go through the cast's own session.
 */
@Export
@Version("1.0.0")
package io.lumen.capture.mutter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
