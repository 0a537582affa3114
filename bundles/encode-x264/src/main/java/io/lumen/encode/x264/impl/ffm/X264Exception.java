package io.lumen.encode.x264.impl.ffm;

import io.lumen.encoding.EncodingException;

/** An x264 call that failed or refused a setting. */
public final class X264Exception extends EncodingException {

    public X264Exception(String message) {
        super(message);
    }
}
