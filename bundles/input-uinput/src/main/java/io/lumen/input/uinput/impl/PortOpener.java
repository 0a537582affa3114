package io.lumen.input.uinput.impl;

import io.lumen.input.uinput.impl.kernel.UinputPort;

import java.io.IOException;

/** Opens a fresh /dev/uinput for each virtual device (one fd is one device). */
@FunctionalInterface
interface PortOpener {

    UinputPort open() throws IOException;
}
