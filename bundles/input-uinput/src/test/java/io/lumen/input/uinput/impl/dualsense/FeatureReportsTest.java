package io.lumen.input.uinput.impl.dualsense;

import io.lumen.api.input.GamepadMotion;
import io.lumen.api.input.MotionSensor;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The feature reports the driver asks for at probe, and what its calibration makes of the motion units. */
class FeatureReportsTest {

    private static final byte[] MAC = {0x02, 0x4c, 0x75, 0x6d, 0x65, 0x6e};
    private final FeatureReports features = new FeatureReports(MAC);

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void eachReportHasTheSizeTheDriverInsistsOnAndItsIdFirst() {
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int id : List.of(0x05, 0x09, 0x20)) {
            byte[] report = features.report(id);
            assertEquals(id, report[0]);
            sizes.put(id, report.length);
        }
        assertEquals(Map.of(0x05, 41, 0x09, 20, 0x20, 64), sizes);
        assertNull(features.report(0x22), "a report the driver does not read is refused");
    }

    @Test
    void pairingInfoCarriesTheAddressLeastSignificantByteFirst() {
        byte[] report = features.report(0x09);
        assertArrayEquals(new byte[] {0x6e, 0x65, 0x6d, 0x75, 0x4c, 0x02}, java.util.Arrays.copyOfRange(report, 1, 7));
        assertEquals("02:4c:75:6d:65:6e", features.macAddress());
    }

    @Test
    void firmwareInfoCarriesAnUpdateVersionForVibrationV2() {
        ByteBuffer report = le(features.report(0x20));
        assertEquals(0x0224, report.getShort(44));
        assertEquals(true, report.getShort(44) >= (2 << 8 | 21), "the driver's vibration v2 starts at 2.21");
        assertEquals(FeatureReports.FIRMWARE_VERSION, report.getInt(28));
        assertEquals(FeatureReports.HARDWARE_VERSION, report.getInt(24));
    }

    /**
     * hid-playstation's calibration, written out from its description: gyro scaled by (speed+ + speed-) * 1024
     * over the span between plus and minus (the older driver subtracts them, the newer adds their distances from
     * the bias: with no bias and symmetric values both agree); accelerometer by 2 * 8192 over the 2 g span after
     * removing the midpoint as bias. Motion of known size must come out in the driver's units: 1024 per deg/s and
     * 8192 per g.
     */
    @Test
    void theDriverTurnsTheReportedMotionIntoItsOwnUnits() {
        ByteBuffer cal = le(features.report(0x05));
        short pitchBias = cal.getShort(1);
        short pitchPlus = cal.getShort(7);
        short pitchMinus = cal.getShort(9);
        short speedPlus = cal.getShort(19);
        short speedMinus = cal.getShort(21);
        short accXPlus = cal.getShort(23);
        short accXMinus = cal.getShort(25);
        int gyroNumer = (speedPlus + speedMinus) * 1024;
        int gyroDenomOld = pitchPlus - pitchMinus;
        int gyroDenomNew = Math.abs(pitchPlus - pitchBias) + Math.abs(pitchMinus - pitchBias);
        assertEquals(gyroDenomOld, gyroDenomNew);
        int range2g = accXPlus - accXMinus;
        int accBias = accXPlus - range2g / 2;

        InputReport report = new InputReport();
        report.motion(new GamepadMotion("s1", 0, MotionSensor.GYROSCOPE, 90, 0, 0));
        report.motion(new GamepadMotion("s1", 0, MotionSensor.ACCELEROMETER, 9.80665f, 0, 0));
        ByteBuffer in = le(report.next(0));
        long gyro = (long) gyroNumer * (in.getShort(16) - pitchBias) / gyroDenomOld;
        long accel = (long) 2 * 8192 * (in.getShort(22) - accBias) / range2g;
        assertEquals(90 * 1024, gyro, "90 deg/s");
        assertEquals(8192, accel, "1 g");
        // SDL's test for believable calibration: within half of its nominal 64 (gyro) and 1 (accel)
        assertEquals(64.0, (double) gyroNumer / gyroDenomOld, 0.5 * 64);
        assertEquals(1.0, 2.0 * 8192 / range2g, 0.5);
    }
}
