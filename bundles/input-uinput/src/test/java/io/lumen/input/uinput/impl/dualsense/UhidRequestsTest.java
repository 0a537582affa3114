package io.lumen.input.uinput.impl.dualsense;

import io.lumen.api.input.PadFeedback;
import io.lumen.input.uinput.impl.kernel.RecordingUhidPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** uhid_events from the kernel, as bytes, and the bytes written back. */
class UhidRequestsTest {

    private final RecordingUhidPort port = new RecordingUhidPort();
    private final List<PadFeedback> sent = new ArrayList<>();
    private final FeatureReports features = new FeatureReports(new byte[] {2, 0, 0, 0, 0, 1});
    private final UhidRequests requests = new UhidRequests(port, 0, features, new OutputReports(0, sent::add));

    @AfterEach
    void tearDown() {
        requests.close();
    }

    /** A uhid_event as the kernel queues it: whole, 4380 bytes, little-endian. */
    private static ByteBuffer event(int type) {
        return ByteBuffer.allocate(4380).order(ByteOrder.LITTLE_ENDIAN).putInt(0, type);
    }

    private static byte[] getReport(int id, int number, int type) {
        return event(9).putInt(4, id).put(8, (byte) number).put(9, (byte) type).array();
    }

    @Test
    void featureRequestsAreAnsweredWithTheirIdAndReport() throws IOException {
        port.toRead.add(getReport(3, 0x05, 0));
        port.toRead.add(getReport(4, 0x09, 0));
        port.toRead.add(getReport(5, 0x20, 0));
        requests.drain(0);
        assertEquals(3, port.written.size());
        int[] ids = {3, 4, 5};
        int[] reports = {0x05, 0x09, 0x20};
        for (int i = 0; i < 3; i++) {
            ByteBuffer reply = ByteBuffer.wrap(port.written.get(i)).order(ByteOrder.LITTLE_ENDIAN);
            byte[] expected = features.report(reports[i]);
            assertEquals(10, reply.getInt(0), "UHID_GET_REPORT_REPLY");
            assertEquals(ids[i], reply.getInt(4));
            assertEquals(0, reply.getShort(8), "no error");
            assertEquals(expected.length, reply.getShort(10));
            assertArrayEquals(expected, Arrays.copyOfRange(port.written.get(i), 12, 12 + expected.length));
            assertEquals(12 + expected.length, port.written.get(i).length);
        }
    }

    @Test
    void unknownReportsAndOtherTypesGetAnErrorSoNobodyWaitsFiveSeconds() throws IOException {
        port.toRead.add(getReport(6, 0x22, 0));
        port.toRead.add(getReport(7, 0x01, 2)); // an input report asked for by GET_REPORT
        requests.drain(0);
        assertArrayEquals(new byte[] {10, 0, 0, 0, 6, 0, 0, 0, 5, 0, 0, 0}, port.written.get(0));
        assertArrayEquals(new byte[] {10, 0, 0, 0, 7, 0, 0, 0, 5, 0, 0, 0}, port.written.get(1));
    }

    @Test
    void setReportIsAcknowledged() throws IOException {
        port.toRead.add(event(13).putInt(4, 8).put(8, (byte) 0x08).put(9, (byte) 0).putShort(10, (short) 2).array());
        requests.drain(0);
        assertArrayEquals(new byte[] {14, 0, 0, 0, 8, 0, 0, 0, 0, 0}, port.written.getFirst());
    }

    @Test
    void outputReportsBecomeFeedbackAndLifecycleEventsAreOnlyNoted() throws IOException {
        port.toRead.add(event(2).array()); // UHID_START
        port.toRead.add(event(4).array()); // UHID_OPEN
        ByteBuffer output = event(6);
        output.put(4, (byte) 0x02).put(4 + 2, (byte) 0x04).put(4 + 45, (byte) 1).put(4 + 46, (byte) 2)
                .put(4 + 47, (byte) 3).putShort(4100, (short) 63).put(4102, (byte) 1);
        port.toRead.add(output.array());
        ByteBuffer feature = event(6);
        feature.put(4, (byte) 0x02).put(4 + 2, (byte) 0x04).put(4 + 45, (byte) 9).putShort(4100, (short) 63)
                .put(4102, (byte) 0); // a feature-type output: not the light bar report
        port.toRead.add(feature.array());
        requests.drain(0);
        assertEquals(List.of(new PadFeedback.Led(0, 1, 2, 3)), sent);
        assertEquals(List.of(), port.written, "nothing to answer");
    }
}
