package io.lumen.capture.pipewire.impl;

/** The bundle's name for itself in log lines and probe reasons. */
final class PipeWireCapture {

    static final String LOGGER = "lumen.capture.pipewire";

    private PipeWireCapture() {
    }
}
