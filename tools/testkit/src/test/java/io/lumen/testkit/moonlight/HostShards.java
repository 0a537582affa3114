package io.lumen.testkit.moonlight;

import io.lumen.api.fec.FecCodec;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds rs8-moonlight video shards the way a host lays them out for a stock client (one FEC block per frame),
 * written for these tests from the wire facts (PROTOCOL-DETAIL.md 4.2) without the protocol bundle, which depends
 * on the test kit: data shards get their packet counter, frame index, flags and multi-FEC bytes, parity is computed
 * over whole shards, then the RTP header, fecInfo, multi-FEC blocks and frame index go into every shard. A block
 * can be made to lie: the header's percentage and the parity actually sent are chosen apart.
 */
final class HostShards {

    static final int PACKET_SIZE = 1024;
    static final int SHARD_BYTES = PACKET_SIZE + 16;
    private static final int HEADER = 32;
    private static final int SHORT_HEADER = 8;

    private final FecCodec fec;
    private int nextFrame = 1;
    private int nextPacket;

    HostShards(FecCodec fec) {
        this.fec = fec;
    }

    /** The next frame, {@code bytes} long, of frame type {@code type}, with the parity its percentage gives. */
    List<byte[]> frame(int type, int bytes, int percent) {
        int data = dataShards(bytes);
        return frame(type, bytes, percent, (data * percent + 99) / 100);
    }

    /** The next frame with {@code percent} in its header but {@code paritySent} parity shards on the wire. */
    List<byte[]> frame(int type, int bytes, int percent, int paritySent) {
        int data = dataShards(bytes);
        int frameIndex = nextFrame++;
        int firstPacket = nextPacket;
        nextPacket += data + paritySent;
        int slice = PACKET_SIZE + 16 - HEADER;
        byte[] payload = new byte[SHORT_HEADER + bytes];
        for (int i = SHORT_HEADER; i < payload.length; i++) {
            payload[i] = (byte) (frameIndex * 31 + i);
        }
        int lastPayload = payload.length - (data - 1) * slice;
        ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).put((byte) 1).putShort((short) 7).put((byte) type)
                .putShort((short) lastPayload);
        List<byte[]> shards = new ArrayList<>();
        for (int x = 0; x < data; x++) {
            byte[] shard = new byte[SHARD_BYTES];
            ByteBuffer b = ByteBuffer.wrap(shard).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(16, (firstPacket + x) << 8).putInt(20, frameIndex);
            shard[24] = (byte) (0x1 | (x == 0 ? 0x4 : 0) | (x == data - 1 ? 0x2 : 0));
            shard[26] = 0x10;
            System.arraycopy(payload, x * slice, shard, HEADER, Math.min(slice, payload.length - x * slice));
            shards.add(shard);
        }
        MemorySegment[] originals = shards.stream().map(MemorySegment::ofArray).toArray(MemorySegment[]::new);
        MemorySegment[] recovery = new MemorySegment[paritySent];
        for (int j = 0; j < paritySent; j++) {
            byte[] parity = new byte[SHARD_BYTES];
            shards.add(parity);
            recovery[j] = MemorySegment.ofArray(parity);
        }
        if (paritySent > 0) {
            fec.encode(originals, recovery);
        }
        for (int x = 0; x < shards.size(); x++) {
            ByteBuffer b = ByteBuffer.wrap(shards.get(x)).order(ByteOrder.LITTLE_ENDIAN);
            b.put(0, (byte) 0x90);
            b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) (firstPacket + x)).putInt(4, frameIndex * 1500);
            b.order(ByteOrder.LITTLE_ENDIAN).putInt(28, x << 12 | data << 22 | percent << 4).putInt(20, frameIndex);
            b.put(27, (byte) 0);
        }
        return shards;
    }

    /** The Annex-B-ish bytes a frame of {@code frame}'s index and {@code bytes} length carries, as built above. */
    static byte[] expectedData(int frameIndex, int bytes) {
        byte[] data = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            data[i] = (byte) (frameIndex * 31 + i + SHORT_HEADER);
        }
        return data;
    }

    static int dataShards(int bytes) {
        int slice = PACKET_SIZE + 16 - HEADER;
        return (SHORT_HEADER + bytes + slice - 1) / slice;
    }
}
