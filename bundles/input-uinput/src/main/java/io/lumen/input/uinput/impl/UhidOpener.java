package io.lumen.input.uinput.impl;

import io.lumen.input.uinput.impl.kernel.UhidPort;

import java.io.IOException;

/** Opens a fresh /dev/uhid for each DualSense (one fd is one HID device). */
@FunctionalInterface
interface UhidOpener {

    UhidPort open() throws IOException;

    /** For sessions without uhid: every open fails with {@code reason}. */
    static UhidOpener unavailable(String reason) {
        return () -> {
            throw new IOException(reason);
        };
    }
}
