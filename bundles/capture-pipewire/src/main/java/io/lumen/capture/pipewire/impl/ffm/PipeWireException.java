package io.lumen.capture.pipewire.impl.ffm;

/** A libpipewire call that failed, with libpipewire's reason in the message. */
public final class PipeWireException extends Exception {

    public PipeWireException(String message) {
        super(message);
    }
}
