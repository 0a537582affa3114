package io.lumen.encode.libav.impl.ffm;

/** A libav call that failed, with libav's own description of the error. */
public final class AvException extends Exception {

    private final int code;

    public AvException(String message, int code) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
