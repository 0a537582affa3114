package io.lumen.input.uinput.impl.kernel;

/** struct input_id: what udev, SDL and games identify a device by. */
public record DeviceId(int bus, int vendor, int product, int version) {
}
