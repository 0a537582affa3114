package io.lumen.wayland;

/** A Wayland failure in words meant for the operator: what was asked, of which display, and what came back. */
public final class WaylandException extends Exception {

    public WaylandException(String message) {
        super(message);
    }

    public WaylandException(String message, Throwable cause) {
        super(message, cause);
    }
}
