package io.lumen.tools.lossharness;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.Leopard16Service;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.protocol.moonlight.impl.video.OfflinePacketizer;
import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;
import io.lumen.testkit.loss.LossModel;
import io.lumen.testkit.moonlight.FrameAssembler;
import io.lumen.testkit.moonlight.Leopard16FrameAssembler;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.VideoFrameAssembler;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs one cell: the host's framing and FEC packetize each frame, the loss model drops datagrams from the stream
 * in send order (its state runs on across frames, as a network's would), and the client's assembler gets the rest.
 * Cells may run on several threads at once: each builds its own packetizer and assembler, and they share the
 * codecs, which are thread-safe.
 */
final class CellRunner {

    /** Between two stamps of the frame number, less than any datagram body, so every datagram differs per frame. */
    private static final int STAMP_STRIDE = 1024;

    private final int packetSize;
    private final int minParity;
    private final long seed;
    private final Map<VideoFecScheme, FecCodec> codecs = new EnumMap<>(VideoFecScheme.class);

    /** {@code packetSize} as a client announces it; {@code minParity} its minRequiredFecPackets (clients send 2). */
    CellRunner(int packetSize, int minParity, long seed) {
        this.packetSize = packetSize;
        this.minParity = minParity;
        this.seed = seed;
        for (VideoFecScheme scheme : VideoFecScheme.values()) {
            codecs.put(scheme, switch (scheme) {
                case RS8_MOONLIGHT -> new Rs8MoonlightService();
                case LEOPARD16 -> new Leopard16Service();
            });
        }
    }

    CellResult run(Cell cell) {
        FecCodec codec = codec(cell.scheme());
        OfflinePacketizer host = OfflinePacketizer.of(cell.scheme(), packetSize, cell.fecPercent(), minParity, codec);
        DeliveryCheck check = new DeliveryCheck();
        FrameAssembler client = switch (cell.scheme()) {
            case RS8_MOONLIGHT -> new VideoFrameAssembler(packetSize, codec, check);
            case LEOPARD16 -> new Leopard16FrameAssembler(codec, check);
        };
        // both schemes of a cell see the same network and the same pictures
        long cellSeed = mix(seed, cell.frameBytes(), cell.fecPercent(), cell.loss());
        LossModel network = cell.loss().model(cellSeed);
        byte[] frame = new byte[cell.frameBytes()];
        new SplittableRandom(~cellSeed).nextBytes(frame);

        int framesSent = 0;
        long data = 0;
        long parity = 0;
        long dropped = 0;
        for (int index = 1; index <= cell.frames(); index++) {
            stamp(frame, index);
            check.expect(index, frame);
            List<byte[]> datagrams = host.packetize(frame, index == 1);
            if (!datagrams.isEmpty()) {
                framesSent++;
                data += host.dataShards();
                parity += host.parityShards();
            }
            for (byte[] datagram : datagrams) {
                if (network.drop()) {
                    dropped++;
                } else {
                    client.add(datagram);
                }
            }
        }
        return new CellResult(cell, framesSent, check.delivered, check.repaired, check.wrong, data, parity, dropped);
    }

    FecCodec codec(VideoFecScheme scheme) {
        return codecs.get(scheme);
    }

    int packetSize() {
        return packetSize;
    }

    int minParity() {
        return minParity;
    }

    private static void stamp(byte[] frame, int index) {
        for (int at = 0; at + Integer.BYTES <= frame.length; at += STAMP_STRIDE) {
            frame[at] = (byte) (index >>> 24);
            frame[at + 1] = (byte) (index >>> 16);
            frame[at + 2] = (byte) (index >>> 8);
            frame[at + 3] = (byte) index;
        }
        if (frame.length < Integer.BYTES) {
            frame[0] = (byte) index;
        }
    }

    private static long mix(long seed, int frameBytes, int fecPercent, LossSpec loss) {
        long h = seed;
        for (long v : new long[]{frameBytes, fecPercent, Double.doubleToLongBits(loss.rate()),
                Double.doubleToLongBits(loss.meanBurst())}) {
            h = (h ^ v) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 31;
        }
        return h;
    }

    /**
     * The client's decoder side: a frame counts when it is handed out while its own datagrams are fed, with its
     * index and its bytes. Assemblers only complete a frame on one of its own shards, so that is the only moment.
     */
    private static final class DeliveryCheck implements Consumer<ReceivedFrame> {
        private int expectedIndex;
        private byte[] expected;
        int delivered;
        int repaired;
        int wrong;

        void expect(int index, byte[] frame) {
            expectedIndex = index;
            expected = frame;
        }

        @Override
        public void accept(ReceivedFrame frame) {
            if (frame.frameIndex() == expectedIndex && Arrays.equals(frame.data(), expected)) {
                delivered++;
                repaired += frame.recovered() ? 1 : 0;
            } else {
                wrong++;
            }
        }
    }
}
