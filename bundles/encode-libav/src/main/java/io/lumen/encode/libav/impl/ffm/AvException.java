package io.lumen.encode.libav.impl.ffm;

import io.lumen.encoding.EncodingException;

/** A libav call that failed, with libav's own description of the error. */
public final class AvException extends EncodingException {

    public AvException(String message) {
        super(message);
    }
}
