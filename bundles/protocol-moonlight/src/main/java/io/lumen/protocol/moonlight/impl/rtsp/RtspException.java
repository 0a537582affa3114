package io.lumen.protocol.moonlight.impl.rtsp;

/** A request the host refuses, with the status it answers and why (logged, not sent: RTSP replies carry no text). */
public final class RtspException extends Exception {

    private final int status;
    private final int cseq;

    public RtspException(int status, int cseq, String message) {
        super(message);
        this.status = status;
        this.cseq = cseq;
    }

    public int status() {
        return status;
    }

    public int cseq() {
        return cseq;
    }

    public RtspResponse response() {
        return RtspResponse.status(status, cseq);
    }
}
