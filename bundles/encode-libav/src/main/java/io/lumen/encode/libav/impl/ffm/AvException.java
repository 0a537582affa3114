package io.lumen.encode.libav.impl.ffm;

/** A libav call that failed, with libav's own description of the error. */
public final class AvException extends Exception {

    public AvException(String message) {
        super(message);
    }
}
