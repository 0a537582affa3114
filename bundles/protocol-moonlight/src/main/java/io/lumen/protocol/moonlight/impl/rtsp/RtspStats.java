package io.lumen.protocol.moonlight.impl.rtsp;

import java.util.concurrent.atomic.AtomicLong;

/** What the RTSP port has seen: requests answered, and connections or messages turned away, by reason. */
public final class RtspStats {

    final AtomicLong answered = new AtomicLong();
    final AtomicLong noLaunch = new AtomicLong();
    final AtomicLong foreignClient = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    /** Requests answered with 200. */
    public long answered() {
        return answered.get();
    }

    /** Connections closed at once because no launch was waiting for a handshake. */
    public long noLaunch() {
        return noLaunch.get();
    }

    /** Connections closed at once because they came from another address than the waiting launch's. */
    public long foreignClient() {
        return foreignClient.get();
    }

    /** Messages that could not be framed, decrypted (tag, replay) or parsed. */
    public long malformed() {
        return malformed.get();
    }

    /** Well-formed requests refused (unknown stream or method, unusable ANNOUNCE, busy). */
    public long rejected() {
        return rejected.get();
    }

    @Override
    public String toString() {
        return answered() + " answered, " + rejected() + " refused, " + malformed() + " malformed, " + noLaunch()
                + " without a launch, "
                + foreignClient() + " from another address than the launch's";
    }
}
