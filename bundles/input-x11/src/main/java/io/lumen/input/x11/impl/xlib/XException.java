package io.lumen.input.x11.impl.xlib;

/** The X server could not be reached or the connection to it broke; the message says which display and why. */
public final class XException extends Exception {

    private static final long serialVersionUID = 1L;

    public XException(String message) {
        super(message);
    }
}
