package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.media.Codec;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

import static io.lumen.protocol.moonlight.impl.video.Shards.be16;
import static io.lumen.protocol.moonlight.impl.video.Shards.be32;
import static io.lumen.protocol.moonlight.impl.video.Shards.bytes;
import static io.lumen.protocol.moonlight.impl.video.Shards.le16;
import static io.lumen.protocol.moonlight.impl.video.Shards.le32;
import static io.lumen.protocol.moonlight.impl.video.Shards.segment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Rs8PacketizerTest {

    static final String PING = "0123456789ABCDEF";
    private static final FecCodec FEC = new Rs8MoonlightService();
    private static final int PACKET = 1392;
    private static final int SHARD = PACKET + 16;
    private static final int SLICE = PACKET - 16;

    private final Random random = new Random(42);

    private static Rs8Packetizer packetizer(VideoStreamParams params) {
        return new Rs8Packetizer(params, FEC);
    }

    @Test
    void aOnePacketFrameCarriesEveryHeaderField() {
        Rs8Packetizer packetizer = packetizer(VideoStreamParams.of(PACKET, Codec.H264, PING));
        byte[] frame = Shards.annexB(random, 100, false);
        Rs8Packetizer.PacketizedFrame packetized = packetizer.packetize(segment(frame), false, 0x12345678, 37);
        assertEquals(1, packetized.frameIndex());
        assertEquals(3, packetized.shardCount(), "1 data + the client's minimum of 2 parity");

        byte[] data = bytes(packetizer, 0);
        assertEquals(SHARD, data.length);
        assertEquals(0x90, data[0] & 0xFF, "RTP v2 + extension");
        assertEquals(0, data[1], "packet type");
        assertEquals(0, be16(data, 2), "RTP sequence starts at 0");
        assertEquals(0x12345678, be32(data, 4));
        assertArrayEquals(new byte[8], Arrays.copyOfRange(data, 8, 16), "ssrc and reserved");
        assertEquals(0, le32(data, 16), "streamPacketIndex");
        assertEquals(1, le32(data, 20), "frame index starts at 1");
        assertEquals(0x7, data[24], "PIC_DATA | EOF | SOF");
        assertEquals(0, data[25], "extraFlags");
        assertEquals(0x10, data[26], "multiFecFlags");
        assertEquals(0, data[27], "block 0 of 1");
        assertEquals(1 << 22 | 200 << 4, le32(data, 28), "index 0, 1 data shard, 200%");

        assertEquals(0x01, data[32], "short header type");
        assertEquals(37, le16(data, 33), "latency in 0.1 ms");
        assertEquals(1, data[35], "P-frame");
        assertEquals(108, le16(data, 36), "lastPayloadLen = 100 + 8");
        assertEquals(0, le16(data, 38));
        assertArrayEquals(frame, Arrays.copyOfRange(data, 40, 140));
        assertArrayEquals(new byte[SHARD - 140], Arrays.copyOfRange(data, 140, SHARD), "zero padding");

        for (int x = 1; x <= 2; x++) {
            byte[] parity = bytes(packetizer, x);
            assertEquals(0x90, parity[0] & 0xFF);
            assertEquals(x, be16(parity, 2));
            assertEquals(0x12345678, be32(parity, 4));
            assertEquals(1, le32(parity, 20));
            assertEquals(0, parity[27]);
            assertEquals(x << 12 | 1 << 22 | 200 << 4, le32(parity, 28));
        }
    }

    @Test
    void aKeyframeIsFrameTypeTwo() {
        Rs8Packetizer packetizer = packetizer(VideoStreamParams.of(PACKET, Codec.HEVC, PING));
        packetizer.packetize(segment(Shards.annexB(random, 3000, true)), true, 0, 0);
        assertEquals(2, bytes(packetizer, 0)[35]);
    }

    @Test
    void aTwoBlockFrameNumbersItsBlocksAndShards() {
        Rs8Packetizer packetizer = packetizer(VideoStreamParams.of(PACKET, Codec.H264, PING));
        byte[] frame = Shards.annexB(random, 300 * SLICE - 8 - 100, false);
        Rs8Packetizer.PacketizedFrame packetized = packetizer.packetize(segment(frame), false, 9, 0);
        assertEquals(360, packetized.shardCount(), "150 + 30 per block");

        byte[] first = bytes(packetizer, 0);
        assertEquals(0x5, first[24], "PIC_DATA | SOF");
        assertEquals(0x40, first[27] & 0xFF, "block 0, last block 1");
        byte[] lastOfBlock0 = bytes(packetizer, 149);
        assertEquals(0x3, lastOfBlock0[24], "PIC_DATA | EOF");
        assertEquals(149 << 8, le32(lastOfBlock0, 16));
        for (int x = 150; x < 180; x++) {
            byte[] parity = bytes(packetizer, x);
            assertEquals(x, be16(parity, 2));
            assertEquals(x << 12 | 150 << 22 | 20 << 4, le32(parity, 28));
        }
        byte[] block1 = bytes(packetizer, 180);
        assertEquals(180, be16(block1, 2));
        assertEquals(180 << 8, le32(block1, 16), "streamPacketIndex skips the parity shards");
        assertEquals(0x5, block1[24]);
        assertEquals(0x50, block1[27] & 0xFF, "block 1, last block 1");
        assertEquals(150 << 22 | 20 << 4, le32(block1, 28), "index 0 again in the new block");
        assertEquals(0x3, bytes(packetizer, 329)[24]);

        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (int x : new int[] {0, 180}) {
            for (int i = 0; i < 150; i++) {
                byte[] shard = bytes(packetizer, x + i);
                payload.write(shard, 32, SLICE);
            }
        }
        byte[] all = payload.toByteArray();
        assertEquals(SLICE - 100, le16(all, 4), "lastPayloadLen");
        assertArrayEquals(frame, Arrays.copyOfRange(all, 8, 8 + frame.length));
        assertArrayEquals(new byte[100], Arrays.copyOfRange(all, 8 + frame.length, all.length));
    }

    @Test
    void lastPayloadLengthCountsTheHeaderInASingleShardAndIsAFullSliceOnABoundary() {
        Rs8Packetizer packetizer = packetizer(VideoStreamParams.of(PACKET, Codec.AV1, PING));
        packetizer.packetize(segment(Shards.annexB(random, SLICE - 8, false)), false, 0, 0);
        assertEquals(SLICE, le16(bytes(packetizer, 0), 36));
        packetizer.packetize(segment(Shards.annexB(random, 2 * SLICE + 10, false)), false, 0, 0);
        assertEquals(18, le16(bytes(packetizer, 0), 36), "(frame + 8) % slice");
    }

    @Test
    void sequenceNumbersAndFrameIndexesRunOnAcrossFrames() {
        Rs8Packetizer packetizer = packetizer(VideoStreamParams.of(PACKET, Codec.H264, PING));
        long counter = 0;
        int[] sizes = {100, 5_000, 300_000, 20, 1_300_000, 70_000};
        for (int f = 0; f < sizes.length; f++) {
            Rs8Packetizer.PacketizedFrame frame = packetizer.packetize(
                    segment(Shards.annexB(random, sizes[f], f == 0)), f == 0, f * 1500, 0);
            assertEquals(f + 1, frame.frameIndex());
            for (int i = 0; i < frame.shardCount(); i++, counter++) {
                byte[] shard = bytes(packetizer, i);
                assertEquals(counter & 0xFFFF, be16(shard, 2), "frame " + (f + 1) + " shard " + i);
                assertEquals(f + 1, le32(shard, 20));
                if (Shards.fecIndex(shard) < Shards.dataShards(shard)) {
                    assertEquals(counter << 8, le32(shard, 16) & 0xFFFFFFFFL);
                }
            }
        }
    }

    /** RTP sequence numbers are 16 bits, streamPacketIndex 24: one wraps while the other runs on. */
    @Test
    void theSequenceNumberWrapsWhileTheStreamPacketIndexRunsOn() {
        VideoStreamParams params = new VideoStreamParams(64, 0, 2, null, Codec.H264, PING, true, null, 20_000, 0,
                VideoFecScheme.RS8_MOONLIGHT);
        Rs8Packetizer packetizer = packetizer(params);
        byte[] frame = Shards.annexB(random, 190_000, false);
        long counter = 0;
        boolean wrapped = false;
        for (int f = 0; f < 17; f++) {
            Rs8Packetizer.PacketizedFrame packetized = packetizer.packetize(segment(frame), false, 0, 0);
            assertEquals(counter, packetized.firstSequence());
            for (int i = 0; i < packetized.shardCount(); i++, counter++) {
                byte[] shard = bytes(packetizer, i);
                assertEquals(counter & 0xFFFF, be16(shard, 2));
                assertEquals(counter & 0xFFFFFF, le32(shard, 16) >>> 8);
                wrapped |= counter == 65_536;
            }
        }
        assertTrue(wrapped, "the test reaches the 16-bit wrap: " + counter + " shards");
    }

    @Test
    void aFrameTooBigForFecGoesInFourBlocksWithoutParity() {
        Rs8Packetizer packetizer = packetizer(VideoStreamParams.of(PACKET, Codec.H264, PING));
        Rs8Packetizer.PacketizedFrame frame = packetizer.packetize(segment(Shards.annexB(random, 1_300_000, true)),
                true, 0, 0);
        assertTrue(frame.plan().fecSkipped());
        int data = frame.plan().totalDataShards();
        assertEquals(data, frame.shardCount(), "no parity shards");
        for (int i = 0; i < data; i++) {
            byte[] shard = bytes(packetizer, i);
            assertEquals(0, Shards.fecPercent(shard));
            assertEquals(3, (shard[27] & 0xFF) >> 6, "4 blocks");
        }
    }

    @Test
    void aFrameNoBlockCanAddressUsesUpItsIndexButNoSequenceNumbers() {
        Rs8Packetizer packetizer = packetizer(VideoStreamParams.of(PACKET, Codec.H264, PING));
        packetizer.packetize(segment(Shards.annexB(random, 1000, true)), true, 0, 0);
        Rs8Packetizer.PacketizedFrame huge = packetizer.packetize(segment(new byte[6_000_000]), false, 0, 0);
        assertEquals(0, huge.shardCount());
        assertEquals(2, huge.frameIndex());
        Rs8Packetizer.PacketizedFrame next = packetizer.packetize(segment(Shards.annexB(random, 1000, false)),
                false, 0, 0);
        assertEquals(3, next.frameIndex(), "the client sees the gap and asks for recovery");
        assertEquals(3, next.firstSequence(), "sequence numbers stay continuous");
    }
}
