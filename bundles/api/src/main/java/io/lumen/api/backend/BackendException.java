package io.lumen.api.backend;

/** A backend could not open or continue a session; the message says why in operator terms. */
public class BackendException extends Exception {

    private static final long serialVersionUID = 1L;

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
