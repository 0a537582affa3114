package io.lumen.api.input;

/** The end of the stylus in use; a tool newer than this package arrives as {@link #UNKNOWN}. */
public enum PenTool {
    UNKNOWN, PEN, ERASER
}
