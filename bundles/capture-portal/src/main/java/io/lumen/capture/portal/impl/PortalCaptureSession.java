package io.lumen.capture.portal.impl;

import io.lumen.api.capture.CaptureSession;
import io.lumen.capture.pipewire.OnceEndingSink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A portal screencast and the PipeWire stream of its node: the capture ends when the portal closes the session
 * (the user stopped sharing on the desktop) or PipeWire loses the node, reported once; closing ends the stream,
 * then the portal session, which takes the desktop's sharing indicator away.
 */
final class PortalCaptureSession implements CaptureSession {

    private static final System.Logger LOG = System.getLogger("lumen.capture.portal");

    private final PortalScreenCast cast;
    private final CaptureSession pipewire;
    private final OnceEndingSink sink;
    private final PortalTarget target;
    private final int node;
    private final boolean throughPortalFd;
    private final boolean tokenOffered;
    private final Consumer<PortalCaptureSession> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    PortalCaptureSession(PortalScreenCast cast, CaptureSession pipewire, OnceEndingSink sink, PortalTarget target,
                         int node, boolean throughPortalFd, boolean tokenOffered,
                         Consumer<PortalCaptureSession> onClose) {
        this.cast = cast;
        this.pipewire = pipewire;
        this.sink = sink;
        this.target = target;
        this.node = node;
        this.throughPortalFd = throughPortalFd;
        this.tokenOffered = tokenOffered;
        this.onClose = onClose;
        cast.ended().thenAccept(reason -> {
            if (!closed.get()) {
                sink.ended(reason);
            }
        });
    }

    /** One line for {@code lumen:portal}. */
    String describe() {
        return target.describeSources() + " (consent \"" + target.consent() + "\"" + (tokenOffered ? ", remembered consent offered" : "")
                + "): PipeWire node " + Integer.toUnsignedString(node) + (throughPortalFd ? " through the portal's fd"
                : " on the default daemon");
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>(pipewire.stats());
        stats.put("portal.node", Integer.toUnsignedString(node));
        stats.put("portal.consent", target.consent());
        stats.put("portal.token-offered", tokenOffered);
        stats.put("portal.fd", throughPortalFd);
        return stats;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sink.silence();
        try {
            pipewire.close();
        } finally {
            cast.close();
            onClose.accept(this);
        }
        LOG.log(System.Logger.Level.INFO, "portal capture closed: " + target.describeSources() + " (consent \""
                + target.consent() + "\")");
    }
}
