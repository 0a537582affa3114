package io.lumen.encoding;

/** A conversion or native call that failed; the message names the call. */
public class EncodingException extends Exception {

    public EncodingException(String message) {
        super(message);
    }
}
