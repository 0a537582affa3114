package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.media.Codec;
import io.lumen.protocol.moonlight.impl.fec.FecCodecSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A scheme's real framing and FEC without a socket, for tools that study what survives loss (tools/loss-harness):
 * frames in, the clear datagrams a client would receive out, in send order.
 */
public final class OfflinePacketizer {

    private final VideoFraming framing;
    private FrameLayout last;

    private OfflinePacketizer(VideoFraming framing) {
        this.framing = framing;
    }

    /** The framing of {@code scheme} at a client's packet size, FEC percentage and minimum parity. */
    public static OfflinePacketizer of(VideoFecScheme scheme, int packetSize, int fecPercent, int minParity,
                                       FecCodec codec) {
        VideoStreamParams params = new VideoStreamParams(packetSize, fecPercent, minParity, null, Codec.H264,
                "0123456789ABCDEF", true, null, 0, 0, scheme);
        return new OfflinePacketizer(scheme.framing(params, FecCodecSource.of(codec)));
    }

    /** The frame's datagrams, data and parity, in send order; none when the scheme cannot send it. */
    public List<byte[]> packetize(byte[] frame, boolean keyframe) {
        VideoFraming.PacketizedFrame packetized = framing.packetize(MemorySegment.ofArray(frame), keyframe, 0, 0);
        last = packetized.plan();
        List<byte[]> datagrams = new ArrayList<>(packetized.shardCount());
        for (int i = 0; i < packetized.shardCount(); i++) {
            datagrams.add(framing.shardSegment(i).toArray(ValueLayout.JAVA_BYTE));
        }
        return datagrams;
    }

    /** FEC blocks of the last frame. */
    public int blocks() {
        return last.blocks();
    }

    /** Parity datagrams of the last frame. */
    public int parityShards() {
        return last.totalParityShards();
    }

    /** Data datagrams of the last frame. */
    public int dataShards() {
        return last.totalDataShards();
    }

    public int datagramBytes() {
        return framing.shardBytes();
    }
}
