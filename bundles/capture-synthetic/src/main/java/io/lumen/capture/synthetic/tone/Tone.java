package io.lumen.capture.synthetic.tone;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A sine per channel at 48 kHz, each channel at its own frequency, as signed 16-bit samples. The phase is a
 * function of the sample's time alone (zero at time zero), so any stretch of the tone can be computed again from its
 * start.
 */
public final class Tone {

    public static final int SAMPLE_RATE = 48_000;
    /** About -12 dBFS (a quarter of full scale): loud enough to measure, far from clipping after a lossy codec. */
    public static final int AMPLITUDE = 8_192;
    /** Above this Opus's low-delay mode cuts the band; a tone there would not come back. */
    public static final double MAX_HZ = 20_000;

    private final double[] frequencies;

    /** {@code frequencies[c]} for channel c, at {@link #AMPLITUDE}. */
    public Tone(double... frequencies) {
        if (frequencies.length == 0) {
            throw new IllegalArgumentException("a tone needs a frequency per channel");
        }
        for (double f : frequencies) {
            if (!(f > 0 && f <= MAX_HZ)) {
                throw new IllegalArgumentException("tone frequency " + f + " Hz: above 0, at most " + MAX_HZ);
            }
        }
        this.frequencies = frequencies.clone();
    }

    /** Channel c at {@code 400 + 300 c} Hz: far enough apart for a receiver to tell which channel came out where. */
    public static Tone distinct(int channels) {
        double[] frequencies = new double[channels];
        for (int c = 0; c < channels; c++) {
            frequencies[c] = 400 + 300 * c;
        }
        return new Tone(frequencies);
    }

    public int channels() {
        return frequencies.length;
    }

    public double frequency(int channel) {
        return frequencies[channel];
    }

    /** Channel {@code channel}'s sample at {@code seconds} into the tone. */
    public short sample(int channel, double seconds) {
        return (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * frequencies[channel] * seconds));
    }

    /**
     * Writes {@code frames} samples of every channel, interleaved, from sample {@code firstSample} of the tone on
     * (sample n is at n / 48000 s).
     */
    public void fill(MemorySegment pcm, int frames, long firstSample) {
        int channels = frequencies.length;
        for (int i = 0; i < frames; i++) {
            double seconds = (double) (firstSample + i) / SAMPLE_RATE;
            for (int c = 0; c < channels; c++) {
                pcm.setAtIndex(ValueLayout.JAVA_SHORT, (long) i * channels + c, sample(c, seconds));
            }
        }
    }

    /** "440 Hz" or "400, 700, 1000 Hz". */
    @Override
    public String toString() {
        return Arrays.stream(frequencies).mapToObj(Tone::hz).distinct().count() == 1 ? hz(frequencies[0]) + " Hz"
                : Arrays.stream(frequencies).mapToObj(Tone::hz).collect(Collectors.joining(", ")) + " Hz";
    }

    private static String hz(double f) {
        return f == Math.rint(f) ? Long.toString((long) f) : String.format(Locale.ROOT, "%.1f", f);
    }
}
