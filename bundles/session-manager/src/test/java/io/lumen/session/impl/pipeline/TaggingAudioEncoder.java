package io.lumen.session.impl.pipeline;

import io.lumen.api.audio.AudioEncoderBackend;
import io.lumen.api.audio.AudioEncoderConfig;
import io.lumen.api.audio.AudioEncoderSession;
import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An audio encoder for pipeline tests: each packet reads "id:first:last:bytes", the encoder's id, the packet's
 * first and last sample and its PCM length, so a test sees who encoded what and that packets are whole.
 */
final class TaggingAudioEncoder implements AudioEncoderBackend {

    final String id;
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    /** Set: every encode takes this long, as an overloaded machine's would. */
    volatile long encodeMillis;

    TaggingAudioEncoder(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Probe probe() {
        return Probe.ok();
    }

    @Override
    public AudioEncoderSession open(AudioEncoderConfig config) throws BackendException {
        opened.incrementAndGet();
        Arena arena = Arena.ofShared();
        MemorySegment out = arena.allocate(64);
        long pcmBytes = (long) config.packetSamples() * config.format().frameBytes();
        return new AudioEncoderSession() {
            @Override
            public MemorySegment encode(MemorySegment pcm) {
                if (encodeMillis > 0) {
                    try {
                        Thread.sleep(encodeMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] tag = (id + ":" + pcm.get(ValueLayout.JAVA_SHORT, 0) + ":"
                        + pcm.get(ValueLayout.JAVA_SHORT, pcmBytes - Short.BYTES) + ":" + pcm.byteSize())
                        .getBytes(StandardCharsets.US_ASCII);
                MemorySegment.copy(tag, 0, out, ValueLayout.JAVA_BYTE, 0, tag.length);
                return out.asSlice(0, tag.length);
            }

            @Override
            public String description() {
                return id + " test encoder";
            }

            @Override
            public void close() {
                closed.incrementAndGet();
                arena.close();
            }
        };
    }
}
