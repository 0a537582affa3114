/**
 * The PipeWire stream service other capture bundles build on: they find a node (gamescope's log line, KWin's
 * screencast reply, a portal's fd) and hand it to {@link io.lumen.capture.pipewire.PipeWireStreams}, which
 * negotiates, imports buffers and delivers frames exactly as the {@code pipewire} capture backend does.
 */
@Export
@Version("1.3.0")
package io.lumen.capture.pipewire;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
