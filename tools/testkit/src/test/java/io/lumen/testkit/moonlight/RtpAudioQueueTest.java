package io.lumen.testkit.moonlight;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client-side reassembly on hand-made packets: delivery order, repair, giving up, and the rule breakers. */
class RtpAudioQueueTest {

    private static final FecCodec FEC = new Rs8AudioService();
    private static final int DURATION = 5;

    /** One thing the queue handed out: a payload, or a hole (payload null). */
    private record Out(int sequenceNumber, int timestamp, byte[] payload, boolean recovered) {
        @Override
        public String toString() {
            return sequenceNumber + (payload == null ? " lost" : recovered ? " recovered" : "");
        }
    }

    private final List<Out> out = new ArrayList<>();
    private final RtpAudioQueue queue = new RtpAudioQueue(FEC, DURATION);
    private final RtpAudioQueue.Output sink = new RtpAudioQueue.Output() {
        @Override
        public void packet(int sequenceNumber, int timestamp, byte[] payload, boolean recovered) {
            out.add(new Out(sequenceNumber, timestamp, payload, recovered));
        }

        @Override
        public void lost(int sequenceNumber) {
            out.add(new Out(sequenceNumber, 0, null, false));
        }
    };

    private static byte[] payload(int sequenceNumber, int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) (sequenceNumber * 7 + 1));
        payload[0] = (byte) sequenceNumber;
        return payload;
    }

    private static ByteBuffer data(int sequenceNumber, byte[] payload) {
        return ByteBuffer.allocate(12 + payload.length).put((byte) 0x80).put((byte) 97)
                .putShort((short) sequenceNumber).putInt(sequenceNumber * DURATION).putInt(0).put(payload).flip();
    }

    /** The 4 data and 2 parity packets of the block at {@code base}, as a host sends them. */
    private static List<ByteBuffer> block(int base, int length) {
        List<ByteBuffer> packets = new ArrayList<>();
        MemorySegment[] originals = new MemorySegment[4];
        for (int i = 0; i < 4; i++) {
            byte[] payload = payload(base + i, length);
            originals[i] = MemorySegment.ofArray(payload);
            packets.add(data(base + i, payload));
        }
        byte[][] parity = {new byte[length], new byte[length]};
        FEC.encode(originals, new MemorySegment[] {MemorySegment.ofArray(parity[0]), MemorySegment.ofArray(parity[1])});
        for (int x = 0; x < 2; x++) {
            packets.add(ByteBuffer.allocate(24 + length).put((byte) 0x80).put((byte) 127)
                    .putShort((short) (base + 3 + x + 1)).putInt(0).putInt(0)
                    .put((byte) x).put((byte) 97).putShort((short) base).putInt(base * DURATION).putInt(0)
                    .put(parity[x]).flip());
        }
        return packets;
    }

    /** Feeds blocks 0..blocks-1, leaving out the packets at the given positions (block * 6 + index). */
    private void feed(int blocks, Set<Integer> dropped) {
        for (int b = 0; b < blocks; b++) {
            List<ByteBuffer> packets = block(b * 4, 40);
            for (int i = 0; i < packets.size(); i++) {
                if (!dropped.contains(b * 6 + i)) {
                    queue.add(packets.get(i), sink);
                }
            }
        }
    }

    private List<Integer> sequenceNumbers() {
        return out.stream().map(Out::sequenceNumber).toList();
    }

    @Test
    void inOrderPacketsGoOutFromTheFirstWholeBlock() {
        feed(3, Set.of());
        assertEquals(List.of(4, 5, 6, 7, 8, 9, 10, 11), sequenceNumbers(), "block 0 is where the client synchronized");
        for (Out packet : out) {
            assertArrayEquals(payload(packet.sequenceNumber(), 40), packet.payload());
            assertEquals(packet.sequenceNumber() * DURATION, packet.timestamp());
            assertFalse(packet.recovered());
        }
    }

    @Test
    void oneOrTwoLostDataPacketsPerBlockAreRebuiltWithTheirHeaders() {
        feed(4, Set.of(6 + 1, 12 + 0, 12 + 3, 18 + 2, 18 + 5));
        assertEquals(List.of(4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), sequenceNumbers());
        for (Out packet : out) {
            assertArrayEquals(payload(packet.sequenceNumber(), 40), packet.payload(), "packet " + packet);
            assertEquals(packet.sequenceNumber() * DURATION, packet.timestamp(), "timestamp of " + packet);
        }
        assertEquals(List.of(5, 8, 11, 14), out.stream().filter(Out::recovered).map(Out::sequenceNumber).toList());
        assertEquals(4, queue.recovered);
        assertEquals(0, queue.failedBlocks);
    }

    @Test
    void aBlockMissingThreeShardsIsGivenUpWhenTheNextBlockBegins() {
        feed(3, Set.of(6 + 1, 6 + 2, 6 + 4));
        assertEquals("[4, 5 lost, 6 lost, 7, 8, 9, 10, 11]", out.toString());
        assertEquals(1, queue.failedBlocks);
        assertEquals(0, queue.recovered);
    }

    @Test
    void aWhollyLostBlockIsSkipped() {
        feed(4, Set.of(6, 7, 8, 9, 10, 11));
        assertEquals(List.of(8, 9, 10, 11, 12, 13, 14, 15), sequenceNumbers());
    }

    @Test
    void duplicatesAndReorderingWithinABlockAreHandled() {
        feed(1, Set.of());
        List<ByteBuffer> packets = block(4, 40);
        for (int i : new int[] {0, 2, 1, 1, 3, 4, 5, 4}) {
            queue.add(packets.get(i).duplicate(), sink);
        }
        assertEquals(List.of(4, 5, 6, 7), sequenceNumbers());
        assertEquals(1, queue.duplicates, "the second 1; parity after its block went out is dropped as late");
    }

    @Test
    void blocksOfUnequalShardsTurnFecOffAndDataGoesStraightThrough() {
        feed(2, Set.of());
        queue.add(data(8, payload(8, 40)), sink);
        queue.add(data(9, payload(9, 41)), sink);
        assertTrue(queue.fecDisabled());
        queue.add(data(10, payload(10, 40)), sink);
        assertEquals(List.of(4, 5, 6, 7, 8, 10), sequenceNumbers(), "9 broke the rule; from then on no queueing");
    }

    @Test
    void runtsAndUnknownPacketsAreCountedAsInvalid() {
        queue.add(ByteBuffer.wrap(new byte[5]), sink);
        queue.add(ByteBuffer.wrap(new byte[] {(byte) 0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1}), sink);
        ByteBuffer badShardIndex = block(0, 8).get(4);
        badShardIndex.put(12, (byte) 2);
        queue.add(badShardIndex, sink);
        assertEquals(3, queue.invalid);
        assertTrue(out.isEmpty());
    }

    @Test
    void sequenceNumbersCompareAcrossTheWrap() {
        assertTrue(RtpAudioQueue.before(65535, 0));
        assertTrue(RtpAudioQueue.before(100, 101));
        assertFalse(RtpAudioQueue.before(0, 65535));
    }
}
