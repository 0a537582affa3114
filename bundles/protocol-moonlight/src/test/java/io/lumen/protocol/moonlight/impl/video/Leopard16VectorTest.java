package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.media.Codec;
import io.lumen.testkit.moonlight.Leopard16FrameAssembler;
import io.lumen.testkit.moonlight.ReceivedFrame;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test vector of docs/leopard16-video.md: the host makes the same datagrams from the same frame, and the test
 * kit's client rebuilds the frame from any 3 of its 7 datagrams. To write the file again, deliberately (the wire
 * format changed, and the specification with it): {@code -Dlumen.golden.write=true}.
 */
class Leopard16VectorTest {

    static final Path VECTOR = Path.of("../../docs/leopard16-vector.txt");
    private static final HexFormat HEX = HexFormat.of();

    /** 3000 bytes: a start code, an IDR slice header byte, then a counting pattern anyone can regenerate. */
    static byte[] frame() {
        byte[] frame = new byte[3000];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) (i * 31 + 7);
        }
        frame[0] = 0;
        frame[1] = 0;
        frame[2] = 0;
        frame[3] = 1;
        frame[4] = 0x65;
        return frame;
    }

    private static List<byte[]> datagrams() {
        Leopard16Packetizer packetizer = new Leopard16Packetizer(VideoStreamParams.of(1392, Codec.H264,
                Rs8PacketizerTest.PING).withScheme(VideoFecScheme.LEOPARD16), Leopard16RoundTripTest.FEC);
        VideoFraming.PacketizedFrame packetized = packetizer.packetize(MemorySegment.ofArray(frame()), true,
                0x12345678, 42);
        List<byte[]> datagrams = new ArrayList<>();
        for (int i = 0; i < packetized.shardCount(); i++) {
            datagrams.add(packetizer.shardSegment(i).toArray(ValueLayout.JAVA_BYTE));
        }
        return datagrams;
    }

    private static String render(List<byte[]> datagrams) {
        StringBuilder text = new StringBuilder();
        text.append("# leopard16 test vector (docs/leopard16-video.md section 5): one frame and its clear datagrams\n");
        text.append("# the frame: byte i = (i * 31 + 7) & 0xFF, then bytes 0-4 set to 00 00 00 01 65\n");
        text.append("packetSize 1392\nfecPercent 20\nminRequiredFecPackets 2\nkeyframe true\n");
        text.append("timestamp 0x12345678\nlatencyTenthsMs 42\nbodyBytes 1344\ndataShards 3\nparityShards 4\n");
        text.append("frame ").append(HEX.formatHex(frame())).append('\n');
        for (int i = 0; i < datagrams.size(); i++) {
            text.append("datagram ").append(i).append(' ').append(HEX.formatHex(datagrams.get(i))).append('\n');
        }
        return text.toString();
    }

    private static Map<String, String> read() throws IOException {
        assertTrue(Files.isRegularFile(VECTOR), "the test vector " + VECTOR.toAbsolutePath() + " is missing");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : Files.readAllLines(VECTOR)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (line.startsWith("datagram ")) {
                space = line.indexOf(' ', space + 1);
            }
            fields.put(line.substring(0, space), line.substring(space + 1));
        }
        return fields;
    }

    @Test
    void theHostMakesTheVectorsDatagramsFromItsFrame() throws IOException {
        List<byte[]> datagrams = datagrams();
        if (Boolean.getBoolean("lumen.golden.write")) {
            Files.writeString(VECTOR, render(datagrams));
        }
        Map<String, String> vector = read();
        assertEquals(HEX.formatHex(frame()), vector.get("frame"));
        assertEquals(7, datagrams.size(), "3 data and 4 parity: the block is coded over one body of zeros");
        for (int i = 0; i < datagrams.size(); i++) {
            assertEquals(vector.get("datagram " + i), HEX.formatHex(datagrams.get(i)), "datagram " + i);
        }
        assertEquals(vector.size(), 10 + 7, "nothing else in the file: " + vector.keySet());
    }

    @Test
    void anyThreeOfTheVectorsDatagramsGiveTheFrameBack() throws IOException {
        Map<String, String> vector = read();
        int[][] kept = {{0, 1, 2}, {4, 5, 6}, {0, 3, 6}, {2, 5, 3}};
        for (int[] which : kept) {
            List<ReceivedFrame> frames = new ArrayList<>();
            Leopard16FrameAssembler client = new Leopard16FrameAssembler(Leopard16RoundTripTest.FEC, frames::add);
            for (int index : which) {
                client.add(HEX.parseHex(vector.get("datagram " + index)));
            }
            assertEquals(1, frames.size(), "from datagrams " + java.util.Arrays.toString(which));
            assertArrayEquals(HEX.parseHex(vector.get("frame")), frames.get(0).data());
            assertTrue(frames.get(0).idr());
        }
    }
}
