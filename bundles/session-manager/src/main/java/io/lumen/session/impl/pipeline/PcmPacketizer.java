package io.lumen.session.impl.pipeline;

import io.lumen.api.audio.AudioPeriod;

import java.lang.foreign.MemorySegment;

/**
 * Cuts the capture's periods (whatever their length: PipeWire's quantum, the synthetic source's packet) into
 * packets of the client's duration, on the capture's thread. Each packet is stamped with the capture time of its
 * first sample, so latency is measured from capture to send.
 */
final class PcmPacketizer {

    private final PcmRing ring;
    private final int packetBytes;
    private final int frameBytes;
    private PcmRing.Packet filling;
    private int filledBytes;
    private volatile long periodNanos;

    PcmPacketizer(PcmRing ring, int packetBytes, int frameBytes) {
        this.ring = ring;
        this.packetBytes = packetBytes;
        this.frameBytes = frameBytes;
    }

    /** Copies {@code period} into packets, queueing each one it completes. */
    void accept(AudioPeriod period) {
        MemorySegment samples = period.samples();
        long bytes = Math.min((long) period.frames() * frameBytes, samples.byteSize() - samples.byteSize() % frameBytes);
        periodNanos = PcmRing.nanosOf(period.frames());
        long offset = 0;
        while (offset < bytes) {
            if (filling == null) {
                filling = ring.acquire();
                filledBytes = 0;
                filling.captureNanos = period.captureNanos() + PcmRing.nanosOf((int) (offset / frameBytes));
            }
            int chunk = (int) Math.min(bytes - offset, packetBytes - filledBytes);
            MemorySegment.copy(samples, offset, filling.pcm, filledBytes, chunk);
            offset += chunk;
            filledBytes += chunk;
            if (filledBytes == packetBytes) {
                ring.publish(filling);
                filling = null;
            }
        }
    }

    /** Forgets a partly filled packet (the capture that filled it is gone). */
    void reset() {
        if (filling != null) {
            ring.release(filling);
            filling = null;
        }
    }

    /** How long the capture's last period was: the audio thread waits longer than this before it fills with silence. */
    long periodNanos() {
        return periodNanos;
    }
}
