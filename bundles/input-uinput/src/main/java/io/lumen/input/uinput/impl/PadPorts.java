package io.lumen.input.uinput.impl;

import io.lumen.log.WarnOnce;

import java.security.SecureRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a session's pads are made from: uhid for DualSenses, the clocks they stamp, their MAC addresses, and the
 * backend's warnings (a missing /dev/uhid is told once per backend, not per pad).
 *
 * @param clockMicros the sensor clock of DualSense reports
 * @param macs        a fresh address per DualSense: the driver refuses a second pad with an address it knows
 */
record PadPorts(UhidOpener uhid, LongSupplier clockMicros, Supplier<byte[]> macs, WarnOnce warnings) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A random locally administered unicast address, as a virtual device should have. */
    static byte[] randomMac() {
        byte[] mac = new byte[6];
        RANDOM.nextBytes(mac);
        mac[0] = (byte) (mac[0] & 0xFC | 0x02);
        return mac;
    }

    static long monotonicMicros() {
        return System.nanoTime() / 1000;
    }
}
