package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.Codec;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.protocol.moonlight.impl.fec.FecCodecSource;
import io.lumen.protocol.moonlight.impl.net.UdpSockets;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sender reports when a frame's last packet left, which the session times a swap's stall by: nothing before the
 * client pinged, after the pacing of a large keyframe (not when it was handed over), and no new time for a frame it
 * could not send.
 */
class VideoSenderSentTimeTest {

    private static final String PING = "0123456789ABCDEF";
    private static final long PACING_BPS = 100_000_000L;
    private static final int KEYFRAME_BYTES = 500_000;

    @Test
    void theLastPacketsTimeIsReportedAfterThePacing() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        VideoStreamParams params = VideoStreamParams.of(1392, Codec.H264, PING).withPacing(PACING_BPS);
        try (DatagramChannel client = DatagramChannel.open();
             VideoSender sender = new VideoSender(UdpSockets.bindPort(loopback), params,
                     FecCodecSource.of(new Rs8MoonlightService()), VideoPacer.Clock.SYSTEM, 5)) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, 16 << 20);
            client.bind(loopback);
            byte[] keyframe = Shards.annexB(new Random(3), KEYFRAME_BYTES, true);
            sender.accept(unit(0, true, Codec.H264, keyframe));
            assertEquals(-1, sender.lastSentNanos(), "nothing is sent before the client's ping");

            client.send(ByteBuffer.allocate(20).put(PING.getBytes(StandardCharsets.US_ASCII)).putInt(1).flip(),
                    sender.localAddress());
            sender.client().get(5, TimeUnit.SECONDS);
            long handed = System.nanoTime();
            sender.accept(unit(1, true, Codec.H264, keyframe));
            long returned = System.nanoTime();
            long sent = sender.lastSentNanos();
            long packets = sender.streamStats().packetsSent();
            // the last batch may leave as soon as the ones before it are due: all but one batch's worth is paced
            long pacedNanos = (packets - batchPackets(params)) * params.datagramBytes() * 8L * 1_000_000_000L
                    / PACING_BPS;
            assertTrue(sent >= handed + pacedNanos && sent <= returned,
                    "sent " + (sent - handed) / 1e6 + " ms after the hand-over, paced " + pacedNanos / 1e6 + " ms, "
                            + packets + " packets, returned after " + (returned - handed) / 1e6 + " ms");

            sender.accept(unit(2, false, Codec.HEVC, keyframe));
            assertEquals(sent, sender.lastSentNanos(), "a frame that was not sent leaves the time as it was");
        }
    }

    private static AccessUnit unit(long number, boolean keyframe, Codec codec, byte[] data) {
        return new AccessUnit(number, System.nanoTime(), keyframe, codec, MemorySegment.ofArray(data));
    }

    /** The pacer's batch for these parameters, as the sender builds it. */
    private static long batchPackets(VideoStreamParams params) {
        return new VideoPacer(params.pacingRate(), params.datagramBytes(), VideoPacer.Clock.SYSTEM).batchPackets();
    }
}
