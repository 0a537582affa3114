package io.lumen.protocol.moonlight.impl.stream;

/** A stream the host cannot start, with the RTSP status the client gets (400 bad request, 503 busy or broken). */
public final class StreamRefused extends Exception {

    private final int status;

    public StreamRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
