package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.api.audio.AudioEncoderBackend;
import io.lumen.api.audio.AudioEncoderSession;
import io.lumen.api.audio.AudioPacket;
import io.lumen.api.audio.AudioPacketSink;
import io.lumen.capture.synthetic.tone.Tone;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What the session's audio pipeline does for the stream, cut down for the stream's own tests: a continuous tone
 * encoded by the real Opus encoder into the config the stream's parameters call for, one packet per packet
 * duration, pushed into the stream on a thread of its own.
 */
final class OpusFeed implements AutoCloseable {

    private final Thread thread;
    private final AtomicLong packets = new AtomicLong();
    private volatile boolean running = true;

    OpusFeed(AudioEncoderBackend encoder, AudioStreamParams params, Tone tone, AudioPacketSink stream)
            throws Exception {
        if (tone.channels() != params.channels()) {
            throw new IllegalArgumentException("a tone of " + tone.channels() + " channels for " + params);
        }
        AudioEncoderSession session = encoder.open(params.encoderConfig());
        int samples = params.encoderConfig().packetSamples();
        long periodNanos = params.packetDurationMs() * 1_000_000L;
        thread = Thread.ofPlatform().name("test-opus-feed").daemon().start(() -> {
            try (Arena arena = Arena.ofConfined(); session) {
                MemorySegment pcm = arena.allocate((long) samples * params.channels() * Short.BYTES, Short.BYTES);
                long start = System.nanoTime();
                for (long n = 0; running; n++) {
                    long due = start + n * periodNanos;
                    while (running && System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                    tone.fill(pcm, samples, n * samples);
                    stream.accept(new AudioPacket(n, due, false, session.encode(pcm)));
                    packets.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException("the feed failed: " + e, e);
            }
        });
    }

    long packets() {
        return packets.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
