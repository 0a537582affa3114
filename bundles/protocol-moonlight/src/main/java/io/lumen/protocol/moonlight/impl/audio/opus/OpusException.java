package io.lumen.protocol.moonlight.impl.audio.opus;

/** libopus refused a call: the message names the call and libopus's own description of the error. */
public final class OpusException extends Exception {

    public OpusException(String message) {
        super(message);
    }
}
