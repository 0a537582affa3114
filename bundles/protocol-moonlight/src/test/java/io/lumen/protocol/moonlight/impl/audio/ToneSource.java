package io.lumen.protocol.moonlight.impl.audio;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Test audio: a phase-continuous sine per channel, each channel at its own frequency, at half of full scale. */
final class ToneSource implements AudioSource {

    static final int AMPLITUDE = 16_384;

    private final double[] frequencies;
    private long sample;

    ToneSource(double... frequencies) {
        this.frequencies = frequencies.clone();
    }

    /** Channel c at {@code 400 + 300 c} Hz: far enough apart to tell which channel came out where. */
    static ToneSource distinct(int channels) {
        double[] frequencies = new double[channels];
        for (int c = 0; c < channels; c++) {
            frequencies[c] = frequency(c);
        }
        return new ToneSource(frequencies);
    }

    static double frequency(int channel) {
        return 400 + 300 * channel;
    }

    @Override
    public void read(MemorySegment pcm, int channels, int frameSamples) {
        for (int i = 0; i < frameSamples; i++, sample++) {
            for (int c = 0; c < channels; c++) {
                double f = frequencies[c % frequencies.length];
                short value = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * f * sample / 48_000.0));
                pcm.setAtIndex(ValueLayout.JAVA_SHORT, (long) i * channels + c, value);
            }
        }
    }

    @Override
    public String name() {
        return "tone";
    }

    @Override
    public void close() {
        // nothing held
    }
}
