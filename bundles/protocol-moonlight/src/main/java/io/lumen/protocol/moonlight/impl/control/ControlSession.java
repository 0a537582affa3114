package io.lumen.protocol.moonlight.impl.control;

/**
 * The messages of one client's control stream, above the transport: opens (or, on an unencrypted stream, reads)
 * each packet, tells the session what the client asked, and seals what the host sends. A packet that cannot be
 * read is counted and dropped; none of them ends the stream.
 */
public final class ControlSession {

    private final ControlCipher cipher;
    private final ControlListener listener;
    private final ControlStats stats = new ControlStats();
    private final System.Logger log;
    private boolean warnedOnce;
    private boolean started;

    /** {@code cipher} null: the client did not ask for the encrypted control stream. */
    public ControlSession(ControlCipher cipher, ControlListener listener, System.Logger log) {
        this.cipher = cipher;
        this.listener = listener;
        this.log = log;
    }

    public ControlStats stats() {
        return stats;
    }

    public byte[] seal(ControlMessage message) {
        return cipher == null ? message.bytes() : cipher.seal(message);
    }

    /** One packet as the transport delivered it, at {@code arrivalNanos} ({@code System.nanoTime()}). */
    public void received(byte[] packet, long arrivalNanos) {
        ControlMessage message;
        try {
            message = cipher == null ? plain(packet) : cipher.open(packet);
            handle(message, arrivalNanos);
        } catch (ControlRejected rejected) {
            stats.dropped(rejected.reason());
            if (!warnedOnce) {
                warnedOnce = true;
                log.log(System.Logger.Level.WARNING, "control: dropped a packet (" + rejected.getMessage()
                        + "); further drops are only counted");
            }
        }
    }

    private static ControlMessage plain(byte[] packet) throws ControlRejected {
        try {
            return ControlMessage.parse(packet);
        } catch (IllegalArgumentException e) {
            throw new ControlRejected("framing", e.getMessage());
        }
    }

    private void handle(ControlMessage message, long arrivalNanos) throws ControlRejected {
        switch (message.type()) {
            case ControlMessage.START_A_OR_IDR_REQUEST -> {
                // the same type is the client's start (its first) and, later, its IDR request after a loss
                boolean start = !started;
                started = true;
                stats.received(start ? "start-a" : "idr-request");
                stats.keyframeRequests.increment();
                listener.keyframeRequested(start ? "the client started its streams" : "the client asked for an IDR frame",
                        !start);
            }
            case ControlMessage.INVALIDATE_REFERENCE_FRAMES -> {
                LostFrames lost = LostFrames.parse(message.payload());
                stats.received("invalidate-references");
                stats.invalidationRequests.increment();
                listener.framesLost(lost.first(), lost.last());
            }
            case ControlMessage.START_B -> stats.received("start-b");
            case ControlMessage.PERIODIC_PING -> stats.received("ping");
            case ControlMessage.LOSS_STATS -> stats.received("loss-stats");
            case ControlMessage.LTR_FRAME_ACK -> stats.received("ltr-ack");
            case ControlMessage.FRAME_FEC_STATUS -> {
                FrameFecStatus status = FrameFecStatus.parse(message.payload());
                stats.received("frame-fec-status");
                stats.framesReportedLossy.increment();
                if (status.unrecoverable()) {
                    stats.framesReportedLost.increment();
                }
                listener.frameFecStatus(status);
            }
            case ControlMessage.INPUT -> {
                stats.received("input");
                listener.input(message.payload(), arrivalNanos);
            }
            default -> throw new ControlRejected("unknown-type", "unknown message " + message);
        }
    }
}
