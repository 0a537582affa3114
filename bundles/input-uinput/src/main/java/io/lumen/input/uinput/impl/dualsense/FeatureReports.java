package io.lumen.input.uinput.impl.dualsense;

import java.util.HexFormat;

/**
 * The feature reports hid-playstation reads while it binds the pad (layouts per hid-playstation.c): it refuses the
 * device unless each comes back whole, with its id first. Each virtual pad has its own MAC address, because the
 * driver refuses a second pad with an address it already knows.
 */
public final class FeatureReports {

    public static final int CALIBRATION = 0x05;
    public static final int PAIRING_INFO = 0x09;
    public static final int FIRMWARE_INFO = 0x20;
    static final int CALIBRATION_SIZE = 41;
    static final int PAIRING_INFO_SIZE = 20;
    static final int FIRMWARE_INFO_SIZE = 64;

    /**
     * Calibration that makes the report's units exact: no gyro bias, and a gyro span of {@link #GYRO_SPAN} raw
     * units for {@link #GYRO_SPEED} deg/s either way, which both the driver and SDL turn into 64 per raw unit
     * (16 raw per deg/s into 1024 per deg/s); accelerometer plus and minus one g at +-8192 with no bias. Values
     * of this size (rather than 1:1) also pass SDL's test for believable calibration.
     */
    static final int GYRO_SPEED = 540;
    static final int GYRO_SPAN = GYRO_SPEED * InputReport.GYRO_PER_DEGREE_PER_SECOND;

    /**
     * An update (feature) version at or past the one from which the driver drives rumble the way current
     * firmware does (vibration v2, chosen by the driver from 2.21 on); hardware and firmware versions are shown
     * in sysfs only.
     */
    static final int UPDATE_VERSION = 0x0224;
    static final int HARDWARE_VERSION = 0x00000617;
    static final int FIRMWARE_VERSION = 0x01000000;

    private final byte[] mac;

    /** @param mac the pad's six-byte address, most significant byte first (as it is written) */
    public FeatureReports(byte[] mac) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + mac.length);
        }
        this.mac = mac.clone();
    }

    /** "02:4c:75:6d:65:6e", as the driver will name the pad (its uniq) and its battery. */
    public String macAddress() {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    /** The report for {@code reportId}, id first, or null for one the pad does not answer. */
    public byte[] report(int reportId) {
        return switch (reportId) {
            case CALIBRATION -> calibration();
            case PAIRING_INFO -> pairingInfo();
            case FIRMWARE_INFO -> firmwareInfo();
            default -> null;
        };
    }

    private static byte[] calibration() {
        byte[] report = new byte[CALIBRATION_SIZE];
        report[0] = CALIBRATION;
        int at = 1;
        at = put16(report, at, 0, 0, 0); // pitch, yaw, roll bias
        at = put16(report, at, GYRO_SPAN, -GYRO_SPAN, GYRO_SPAN, -GYRO_SPAN, GYRO_SPAN, -GYRO_SPAN);
        at = put16(report, at, GYRO_SPEED, GYRO_SPEED);
        int g = InputReport.ACCEL_PER_G;
        put16(report, at, g, -g, g, -g, g, -g);
        return report;
    }

    /** The address goes in least significant byte first, as the pad sends it. */
    private byte[] pairingInfo() {
        byte[] report = new byte[PAIRING_INFO_SIZE];
        report[0] = PAIRING_INFO;
        for (int i = 0; i < 6; i++) {
            report[1 + i] = mac[5 - i];
        }
        return report;
    }

    private static byte[] firmwareInfo() {
        byte[] report = new byte[FIRMWARE_INFO_SIZE];
        report[0] = FIRMWARE_INFO;
        put32(report, 24, HARDWARE_VERSION);
        put32(report, 28, FIRMWARE_VERSION);
        put16(report, 44, UPDATE_VERSION);
        return report;
    }

    private static int put16(byte[] report, int at, int... values) {
        for (int value : values) {
            report[at++] = (byte) value;
            report[at++] = (byte) (value >> 8);
        }
        return at;
    }

    private static void put32(byte[] report, int at, int value) {
        put16(report, at, value & 0xFFFF, value >>> 16);
    }
}
