package io.lumen.capture.portal.impl;

import io.lumen.api.capture.CaptureSession;
import io.lumen.capture.pipewire.OnceEndingSink;
import io.lumen.capture.pipewire.ProducedNodeSession;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A portal screencast and the PipeWire stream of its node, with the remote desktop's input where the target asked
 * for it and the user allowed it: the capture ends when the portal closes the session (the user stopped sharing on
 * the desktop) or PipeWire loses the node, reported once; closing ends the stream, then the portal session, which
 * takes the desktop's sharing indicator away and ends the input.
 */
final class PortalCaptureSession extends ProducedNodeSession {

    private static final System.Logger LOG = System.getLogger("lumen.capture.portal");

    private final PortalScreenCast cast;
    private final PortalTarget target;
    private final int node;
    private final boolean throughPortalFd;
    private final boolean tokenOffered;
    private final Optional<PortalInput> input;
    private final Optional<String> sessionId;
    private final Consumer<PortalCaptureSession> onClose;

    PortalCaptureSession(PortalScreenCast cast, CaptureSession pipewire, OnceEndingSink sink, PortalTarget target,
                         int node, boolean throughPortalFd, boolean tokenOffered, Optional<PortalInput> input,
                         Optional<String> sessionId, Consumer<PortalCaptureSession> onClose) {
        super(pipewire, sink);
        this.input = input;
        this.sessionId = sessionId;
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

    /** The remote desktop this stream's input goes through; empty when it carries none. */
    Optional<PortalInput> input() {
        return input;
    }

    /** The lumen session this capture streams for, when the request named one. */
    Optional<String> sessionId() {
        return sessionId;
    }

    boolean isLive() {
        return !isClosed() && !cast.ended().isDone();
    }

    /** One line for {@code lumen:portal}. */
    String describe() {
        return target.describeSources() + " (consent \"" + target.consent() + "\"" + (tokenOffered ? ", remembered consent offered" : "")
                + sessionId.map(id -> ", session " + id).orElse("") + "): PipeWire node "
                + Integer.toUnsignedString(node) + (throughPortalFd ? " through the portal's fd" : " on the default daemon")
                + input.map(in -> ", input " + describeDevices(in.devices()) + " (" + in.delivered() + " delivered, "
                        + in.dropped() + " dropped)").orElse(target.input() ? ", no input (the user shared no device)"
                        : ", no input");
    }

    static String describeDevices(int devices) {
        StringBuilder text = new StringBuilder();
        if ((devices & PortalBus.KEYBOARD) != 0) {
            text.append("keyboard");
        }
        if ((devices & PortalBus.POINTER) != 0) {
            text.append(text.isEmpty() ? "" : "+").append("pointer");
        }
        if ((devices & PortalBus.TOUCHSCREEN) != 0) {
            text.append(text.isEmpty() ? "" : "+").append("touchscreen");
        }
        return text.isEmpty() ? "none" : text.toString();
    }

    @Override
    protected void addProducerStats(Map<String, Object> stats) {
        stats.put("portal.node", Integer.toUnsignedString(node));
        stats.put("portal.consent", target.consent());
        stats.put("portal.token-offered", tokenOffered);
        stats.put("portal.fd", throughPortalFd);
        stats.put("portal.input", input.map(in -> describeDevices(in.devices())).orElse("none"));
        input.ifPresent(in -> stats.put("portal.input.dropped", in.dropped()));
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
