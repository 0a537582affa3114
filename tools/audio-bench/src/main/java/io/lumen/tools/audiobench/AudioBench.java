package io.lumen.tools.audiobench;

import io.lumen.api.audio.AudioEncoderConfig;
import io.lumen.api.audio.AudioEncoderSession;
import io.lumen.api.audio.AudioPacket;
import io.lumen.capture.synthetic.tone.Tone;
import io.lumen.encode.opus.impl.OpusEncoderBackend;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.protocol.moonlight.impl.audio.AudioEncryption;
import io.lumen.protocol.moonlight.impl.audio.AudioLayouts;
import io.lumen.protocol.moonlight.impl.audio.AudioStream;
import io.lumen.protocol.moonlight.impl.audio.AudioStreamParams;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a second of 7.1 audio costs lumen, beside libopus driven by ffmpeg and by opusenc on the same PCM in the
 * same run, and how long a packet takes from capture to send with a real PipeWire daemon ({@link PipeWirePath}).
 */
public final class AudioBench {

    static final int CHANNELS = 8;
    static final int PACKET_MILLIS = 5;
    static final byte[] PING = "AUDIOBENCH012345".getBytes(StandardCharsets.US_ASCII);

    private AudioBench() {
    }

    public static void main(String[] args) throws Exception {
        int cpuSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int pipewireSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        cpu(cpuSeconds);
        PipeWirePath.run(pipewireSeconds);
    }

    static AudioStreamParams streamParams() {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return new AudioStreamParams(CHANNELS, 0x63f, false, PACKET_MILLIS, new AudioEncryption(key, 7), PING, null,
                false);
    }

    /** Encodes and sends {@code seconds} of 7.1 as fast as the thread goes, then has the peers encode the same. */
    private static void cpu(int seconds) throws Exception {
        AudioEncoderConfig config = AudioLayouts.SURROUND_71.encoderConfig(PACKET_MILLIS);
        int packetSamples = config.packetSamples();
        int packets = seconds * 1000 / PACKET_MILLIS;
        long packetBytes = (long) packetSamples * CHANNELS * Short.BYTES;
        System.out.printf(Locale.ROOT, "CPU per second of 7.1 audio (%s), %d s of PCM:%n", config, seconds);
        OpusEncoderBackend opus = new OpusEncoderBackend();
        if (!opus.probe().available()) {
            System.out.println("  lumen's encoder: " + opus.probe());
            return;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path raw = Files.createTempFile("audio-bench-71-", ".raw");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pcm = arena.allocate(packetBytes * packets, Short.BYTES);
            Tone.distinct(CHANNELS).fill(pcm, packetSamples * packets, 0);
            try (FileChannel file = FileChannel.open(raw, StandardOpenOption.WRITE)) {
                file.write(pcm.asByteBuffer().order(java.nio.ByteOrder.nativeOrder()));
            }
            long encodeNanos = 0;
            long sendNanos = 0;
            long datagrams;
            AudioStreamParams params = streamParams();
            try (AudioEncoderSession encoder = opus.open(config);
                 AudioStream stream = AudioStream.open(params, new InetSocketAddress("127.0.0.1", 0),
                         new Rs8AudioService());
                 PingingReceiver client = new PingingReceiver(stream.localAddress(), PING)) {
                while (stream.streamStats().client() == null) {
                    Thread.onSpinWait();
                }
                for (int warm = 0; warm < 2_000; warm++) { // JIT and libopus's first calls, not measured
                    stream.accept(new AudioPacket(warm, 0, false, encoder.encode(pcm.asSlice(0, packetBytes))));
                }
                for (int i = 0; i < packets; i++) {
                    long t0 = threads.getCurrentThreadCpuTime();
                    MemorySegment packet = encoder.encode(pcm.asSlice(i * packetBytes, packetBytes));
                    long t1 = threads.getCurrentThreadCpuTime();
                    stream.accept(new AudioPacket(i, 0, false, packet));
                    sendNanos += threads.getCurrentThreadCpuTime() - t1;
                    encodeNanos += t1 - t0;
                }
                datagrams = stream.streamStats().dataPackets() + stream.streamStats().fecPackets();
            }
            double encode = encodeNanos / 1e9 / seconds;
            double send = sendNanos / 1e9 / seconds;
            System.out.printf(Locale.ROOT, "  lumen: Opus %.2f ms, FEC + AES-CBC + UDP send %.2f ms, together %.2f ms"
                    + " of CPU per second of audio (%d datagrams)%n", encode * 1e3, send * 1e3, (encode + send) * 1e3,
                    datagrams);
            int kbps = config.bitrateBps() / 1000;
            Optional<Double> ffmpeg = PeerEncoders.ffmpegSeconds(raw, CHANNELS, kbps);
            Optional<Double> opusenc = PeerEncoders.opusencSeconds(raw, CHANNELS, kbps);
            ffmpeg.ifPresent(s -> System.out.printf(Locale.ROOT, "  ffmpeg -c:a libopus: %.2f ms per second of audio;"
                    + " lumen's Opus alone %.2fx, lumen's whole send path %.2fx of it%n", s * 1e3 / seconds,
                    encode / (s / seconds), (encode + send) / (s / seconds)));
            opusenc.ifPresent(s -> System.out.printf(Locale.ROOT, "  opusenc (audio application, not low delay): %.2f"
                    + " ms per second of audio; lumen's Opus alone %.2fx, whole send path %.2fx of it%n",
                    s * 1e3 / seconds, encode / (s / seconds), (encode + send) / (s / seconds)));
        } finally {
            Files.deleteIfExists(raw);
        }
    }
}
