package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.capture.synthetic.tone.Tone;
import io.lumen.encode.opus.impl.OpusEncoderBackend;
import io.lumen.testkit.Poll;
import io.lumen.testkit.audio.OpusDecoder;
import io.lumen.testkit.audio.ToneAnalysis;
import io.lumen.testkit.moonlight.AudioLoss;
import io.lumen.testkit.moonlight.AudioPacket;
import io.lumen.testkit.moonlight.AudioReceiver;
import io.lumen.testkit.moonlight.AudioReceiverOptions;
import io.lumen.testkit.moonlight.AudioReceiverStats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The host's audio stream and lumen's test client over real UDP on loopback, fed by encode-opus's real libopus
 * encoder and decoded with the real libopus decoder.
 */
class AudioStreamTest {

    private static final OpusEncoderBackend OPUS = new OpusEncoderBackend();

    private static final FecCodec FEC = new Rs8AudioService();
    private static final byte[] PING = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = java.util.HexFormat.of().parseHex("f0e1d2c3b4a5968778695a4b3c2d1e0f");
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @BeforeAll
    static void libopusIsInstalled() {
        assumeTrue(OPUS.probe().available(), "libopus: " + OPUS.probe());
    }

    @Test
    void nothingIsSentBeforeThePingThenPacketsFlowToThePinger() throws Exception {
        AudioStreamParams params = AudioStreamParams.stereo(PING);
        try (AudioStream stream = AudioStream.open(params, ANY_LOOPBACK_PORT, FEC);
             OpusFeed feed = new OpusFeed(OPUS, params, new Tone(1000, 1000), stream);
             DatagramSocket client = new DatagramSocket(ANY_LOOPBACK_PORT)) {
            client.setSoTimeout(300);
            byte[] buffer = new byte[1500];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            assertThrows(SocketTimeoutException.class, () -> client.receive(packet), "silent until pinged");
            assertEquals(0, stream.streamStats().dataPackets());
            assertTrue(stream.streamStats().unsent() > 0, "packets made before the ping are counted, not sent");
            assertNull(stream.streamStats().client());

            byte[] ping = ByteBuffer.allocate(20).put(PING).putInt(1).array();
            client.send(new DatagramPacket(ping, ping.length, stream.localAddress()));
            client.setSoTimeout((int) PATIENCE.toMillis());
            client.receive(packet);
            ByteBuffer first = ByteBuffer.wrap(buffer, 0, packet.getLength());
            assertEquals(0x80, first.get(0) & 0xff);
            assertEquals(97, first.get(1));
            assertEquals(0, first.getShort(2), "sequence numbers start at 0, whatever was made before the ping");
            assertEquals(0, first.getInt(4), "and timestamps too");
            assertEquals(12 + 60, packet.getLength(), "96 kbps x 5 ms = 60 bytes of Opus");
            AudioStreamStats stats = stream.streamStats();
            assertEquals(client.getLocalSocketAddress(), stats.client());
            assertEquals(1, stats.pingsReceived());
        }
    }

    @Test
    void twoSecondsWithOneLossPerBlockArriveWholeAndDecodeToTheTone() throws Exception {
        Received received = stream(AudioStreamParams.stereo(PING), new Tone(1000, 1000),
                new AudioLoss(0.1, 42, 1), 400);
        AudioReceiverStats stats = received.client();
        assertEquals(0, stats.lost(), "one loss in a block of six is always repaired");
        assertEquals(0, stats.failedBlocks());
        assertEquals(0, stats.discontinuities(), "sequence numbers and timestamps run on");
        assertTrue(stats.recovered() > 0, "some packets were rebuilt: " + stats);
        // drops in the block the client skips to synchronize, or in the block cut off at the end, need no repair
        assertTrue(stats.recovered() >= stats.injectedDataDrops() - 2 && stats.recovered() <= stats.injectedDataDrops(),
                stats.toString());
        assertFalse(stats.fecDisabled());
        assertEquals(4, stats.firstSequenceNumber(), "the client starts at the first whole block after the first packet");
        assertEquals(1000, received.decodedFrequency(), 10);

        AudioStreamStats host = received.host();
        assertEquals(2 * (host.dataPackets() / 4), host.fecPackets(), "two parity packets per block of four");
        assertEquals(host.dataPackets() * (12 + 60) + host.fecPackets() * (24 + 60), host.bytesSent());
        assertEquals(0, host.sendFailures());
        assertEquals(0, host.unevenFecBlocks(), "CBR: every payload of a block is as long");
    }

    @Test
    void encryptedAudioDecryptsAtTheClient() throws Exception {
        AudioStreamParams params = AudioStreamParams.stereo(PING).withEncryption(new AudioEncryption(KEY, -7));
        Received received = stream(params, new Tone(1000, 1000), new AudioLoss(0.1, 7, 1), 400);
        AudioReceiverStats stats = received.client();
        assertEquals(0, stats.decryptFailures());
        assertEquals(0, stats.lost());
        assertEquals(0, stats.discontinuities());
        assertTrue(stats.recovered() > 0, stats.toString());
        assertEquals(1000, received.decodedFrequency(), 10);
        assertEquals(received.host().dataPackets() * (12 + 64) + received.host().fecPackets() * (24 + 64),
                received.host().bytesSent(), "60 bytes of Opus are 64 of ciphertext");
    }

    @Test
    void surroundLayoutsAndTenMillisecondPacketsSurviveTwoLossesPerBlock() throws Exception {
        AudioStreamParams[] cases = {
                new AudioStreamParams(8, 0x63f, true, 5, new AudioEncryption(KEY, 1), PING, null, false),
                new AudioStreamParams(6, 0x3f, false, 10, null, PING, null, false),
                // 1536 kbps in 10 ms would be 1920 bytes: more than a datagram carries, the encoder must fit it
                new AudioStreamParams(6, 0x3f, true, 10, new AudioEncryption(KEY, 5), PING, null, false),
                new AudioStreamParams(2, 0x3, true, 10, new AudioEncryption(KEY, 99), PING, null, false)};
        for (AudioStreamParams params : cases) {
            Received received = stream(params, Tone.distinct(params.channels()), new AudioLoss(0.25, 3, 2), 100);
            AudioReceiverStats stats = received.client();
            assertEquals(0, stats.lost(), params + ": " + stats);
            assertEquals(0, stats.discontinuities(), params.toString());
            assertEquals(0, stats.decryptFailures(), params.toString());
            assertTrue(stats.recovered() > 0, params + ": " + stats);
            Tone sent = Tone.distinct(params.channels());
            for (int channel = 0; channel < params.channels(); channel++) {
                assertEquals(sent.frequency(channel), received.decodedFrequency(channel), 10,
                        params + ": channel " + channel + " plays its own tone in Moonlight's order");
            }
        }
    }

    @Test
    void garbageIsCountedAndDoesNoHarm() throws Exception {
        List<AudioPacket> packets = Collections.synchronizedList(new ArrayList<>());
        try (AudioStream stream = AudioStream.open(AudioStreamParams.stereo(PING), ANY_LOOPBACK_PORT, FEC);
             OpusFeed feed = new OpusFeed(OPUS, AudioStreamParams.stereo(PING), new Tone(1000, 1000), stream);
             DatagramSocket stranger = new DatagramSocket(ANY_LOOPBACK_PORT)) {
            byte[] wrongPing = ByteBuffer.allocate(20).put("FEDCBA9876543210".getBytes(StandardCharsets.US_ASCII))
                    .putInt(1).array();
            byte[][] garbage = {new byte[0], {1, 2, 3}, {'P', 'I', 'N', 'G'}, wrongPing, new byte[1500],
                    java.util.Arrays.copyOf(PING, 16)};
            for (byte[] datagram : garbage) {
                stranger.send(new DatagramPacket(datagram, datagram.length, stream.localAddress()));
            }
            awaitTrue(() -> stream.streamStats().foreignDropped() == garbage.length, "every datagram counted");
            assertNull(stream.streamStats().client(), "none of them made the stranger the client");

            try (AudioReceiver client = AudioReceiver.open(stream.localAddress(), AudioReceiverOptions.of(PING, 5), FEC,
                    packets::add)) {
                assertTrue(client.awaitPackets(100, PATIENCE));
                byte[] rightPing = ByteBuffer.allocate(20).put(PING).putInt(1).array();
                stranger.send(new DatagramPacket(rightPing, rightPing.length, stream.localAddress()));
                awaitTrue(() -> stream.streamStats().foreignDropped() == garbage.length + 1,
                        "the right payload from the wrong address is foreign too");
                assertEquals(client.localAddress().getPort(), stream.streamStats().client().getPort());
                assertTrue(client.awaitPackets(200, PATIENCE));
                assertEquals(0, client.stats().lost());
                assertEquals(0, client.stats().discontinuities());
                assertTrue(stream.streamStats().pingsReceived() >= 1);
            }
        }
    }

    @Test
    void aLegacyPingIsAcceptedFromTheExpectedAddress() throws Exception {
        AudioStreamParams params = new AudioStreamParams(2, 0x3, false, 5, null, PING,
                InetAddress.getLoopbackAddress(), true);
        try (AudioStream stream = AudioStream.open(params, ANY_LOOPBACK_PORT, FEC);
             OpusFeed feed = new OpusFeed(OPUS, params, new Tone(1000, 1000), stream);
             AudioReceiver client = AudioReceiver.open(stream.localAddress(), AudioReceiverOptions.of(null, 5), FEC,
                     packet -> { })) {
            assertTrue(client.awaitPackets(50, PATIENCE));
            assertEquals(0, stream.streamStats().foreignDropped());
        }
    }

    @Test
    void closeStopsTheThreadAndReleasesThePortAndLaterPacketsAreNotSent() throws Exception {
        AudioStreamParams params = AudioStreamParams.stereo(PING);
        AudioStream stream = AudioStream.open(params, ANY_LOOPBACK_PORT, FEC);
        int port = stream.port();
        try (OpusFeed feed = new OpusFeed(OPUS, params, new Tone(1000, 1000), stream);
             AudioReceiver client = AudioReceiver.open(stream.localAddress(), AudioReceiverOptions.of(PING, 5), FEC,
                     packet -> { })) {
            assertTrue(client.awaitPackets(20, PATIENCE));
            stream.close();
            stream.close();
            long sent = stream.streamStats().dataPackets();
            assertFalse(threadRuns("lumen-audio-" + port), "the listening thread ended");
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    port))) {
                assertEquals(port, again.getLocalPort());
            }
            long unsent = stream.streamStats().unsent();
            awaitTrue(() -> stream.streamStats().unsent() > unsent, "the session's packets after close are counted");
            assertEquals(sent, stream.streamStats().dataPackets(), "nothing sent after close");
        }
    }

    private record Received(AudioStreamStats host, AudioReceiverStats client, List<AudioPacket> packets,
                            AudioStreamParams params) {

        double decodedFrequency() {
            return decodedFrequency(0);
        }

        /** Decodes the packets in order as the client would and measures one channel's tone. */
        double decodedFrequency(int channel) {
            List<short[]> decoded = new ArrayList<>();
            try (OpusDecoder decoder = new OpusDecoder(params.encoderConfig())) {
                for (AudioPacket packet : packets) {
                    if (!packet.lost()) {
                        decoded.add(decoder.decode(packet.opus()));
                    }
                }
            }
            short[] interleaved = new short[decoded.stream().mapToInt(d -> d.length).sum()];
            int at = 0;
            for (short[] d : decoded) {
                System.arraycopy(d, 0, interleaved, at, d.length);
                at += d.length;
            }
            return ToneAnalysis.dominantFrequency(ToneAnalysis.channel(interleaved, params.channels(), channel, 960));
        }
    }

    /** Streams until the client has handed out {@code count} packets; returns both sides' stats once closed. */
    private static Received stream(AudioStreamParams params, Tone tone, AudioLoss loss, int count)
            throws Exception {
        List<AudioPacket> packets = Collections.synchronizedList(new ArrayList<>());
        AudioReceiverOptions options = AudioReceiverOptions.of(PING, params.packetDurationMs()).withLoss(loss);
        if (params.encrypted()) {
            options = options.withKey(KEY, params.encryption().rikeyId());
        }
        AudioStream stream = AudioStream.open(params, ANY_LOOPBACK_PORT, FEC);
        AudioReceiver client;
        try (stream; OpusFeed feed = new OpusFeed(OPUS, params, tone, stream)) {
            client = AudioReceiver.open(stream.localAddress(), options, FEC, packets::add);
            try (client) {
                assertTrue(client.awaitPackets(count, PATIENCE), "packets handed out: " + client.stats());
            }
        }
        synchronized (packets) {
            return new Received(stream.streamStats(), client.stats(), List.copyOf(packets), params);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        Poll.await(what, PATIENCE, condition);
    }

    private static boolean threadRuns(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
