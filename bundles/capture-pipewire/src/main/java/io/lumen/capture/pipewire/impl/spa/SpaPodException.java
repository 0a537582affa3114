package io.lumen.capture.pipewire.impl.spa;

/** A pod that is malformed, or that lacks what a param reader needs from it. */
public final class SpaPodException extends Exception {

    public SpaPodException(String message) {
        super(message);
    }
}
