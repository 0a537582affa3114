package io.lumen.capture.portal.impl;

import io.lumen.api.capture.CaptureSession;
import io.lumen.capture.pipewire.OnceEndingSink;
import io.lumen.capture.pipewire.ProducedNodeSession;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A portal screencast and the PipeWire stream of its node: the capture ends when the portal closes the session
 * (the user stopped sharing on the desktop) or PipeWire loses the node, reported once; closing ends the stream,
 * then the portal session, which takes the desktop's sharing indicator away.
 */
final class PortalCaptureSession extends ProducedNodeSession {

    private static final System.Logger LOG = System.getLogger("lumen.capture.portal");

    private final PortalScreenCast cast;
    private final PortalTarget target;
    private final int node;
    private final boolean throughPortalFd;
    private final boolean tokenOffered;
    private final Consumer<PortalCaptureSession> onClose;

    PortalCaptureSession(PortalScreenCast cast, CaptureSession pipewire, OnceEndingSink sink, PortalTarget target,
                         int node, boolean throughPortalFd, boolean tokenOffered,
                         Consumer<PortalCaptureSession> onClose) {
        super(pipewire, sink);
        this.cast = cast;
        this.target = target;
        this.node = node;
        this.throughPortalFd = throughPortalFd;
        this.tokenOffered = tokenOffered;
        this.onClose = onClose;
        cast.ended().thenAccept(reason -> {
            if (!isClosed()) {
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
    protected void addProducerStats(Map<String, Object> stats) {
        stats.put("portal.node", Integer.toUnsignedString(node));
        stats.put("portal.consent", target.consent());
        stats.put("portal.token-offered", tokenOffered);
        stats.put("portal.fd", throughPortalFd);
    }

    @Override
    protected void closeProducer() {
        cast.close();
        onClose.accept(this);
    }

    @Override
    public void close() {
        if (!closeOnce()) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "portal capture closed: " + target.describeSources() + " (consent \""
                + target.consent() + "\")");
    }
}
