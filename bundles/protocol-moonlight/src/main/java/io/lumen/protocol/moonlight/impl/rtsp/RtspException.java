package io.lumen.protocol.moonlight.impl.rtsp;

/**
 * A request the host refuses, with the status it answers and why: logged, and sent only in a header of lumen's
 * own that a lumen client reads (Moonlight's RTSP replies carry no text, and stock clients see none).
 */
public final class RtspException extends Exception {

    private final int status;
    private final int cseq;
    private final String reasonHeader;

    public RtspException(int status, int cseq, String message) {
        this(status, cseq, message, null);
    }

    /** The refusal, with {@code message} also sent in the header {@code reasonHeader}. */
    public RtspException(int status, int cseq, String message, String reasonHeader) {
        super(message);
        this.status = status;
        this.cseq = cseq;
        this.reasonHeader = reasonHeader;
    }

    public int status() {
        return status;
    }

    public int cseq() {
        return cseq;
    }

    public RtspResponse response() {
        RtspResponse response = RtspResponse.status(status, cseq);
        return reasonHeader == null ? response : response.header(reasonHeader, getMessage().replaceAll("[\r\n]", " "));
    }
}
