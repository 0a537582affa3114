package io.lumen.testkit.audio;

import java.util.Arrays;

/**
 * Measurements on 48 kHz test audio: which frequency a channel carries and how loud it is. Enough to tell tones a
 * few hundred hertz apart after a lossy codec, not a spectrum analyser.
 */
public final class ToneAnalysis {

    public static final int SAMPLE_RATE = 48_000;
    /** 100 ms: whole cycles of every tone in multiples of 10 Hz, so such tones do not leak into each other's term. */
    public static final int WINDOW = 4800;
    private static final double LOWEST_HZ = 20;
    private static final double HIGHEST_HZ = 20_000;

    private ToneAnalysis() {
    }

    /** Channel {@code channel} of {@code channels} interleaved samples, from frame {@code skip} on. */
    public static double[] channel(short[] interleaved, int channels, int channel, int skip) {
        return window(interleaved, channels, channel, skip, Math.max(0, interleaved.length / channels - skip));
    }

    /** {@code frames} samples of channel {@code channel} from frame {@code start}. */
    public static double[] window(short[] interleaved, int channels, int channel, int start, int frames) {
        double[] out = new double[frames];
        for (int i = 0; i < frames; i++) {
            out[i] = interleaved[(start + i) * channels + channel];
        }
        return out;
    }

    /**
     * The amplitude (0..1 of full scale) of {@code hz} in {@code channel}, the median over the last {@code windows}
     * {@link #WINDOW}s: a scheduling hiccup on a loaded machine (a period played twice or skipped) smears one
     * window, not the median.
     */
    public static double medianAmplitude(short[] interleaved, int channels, int channel, int windows, double hz) {
        int frames = interleaved.length / channels;
        double[] amplitudes = new double[windows];
        for (int w = 0; w < windows; w++) {
            double[] samples = window(interleaved, channels, channel, frames - (w + 1) * WINDOW, WINDOW);
            amplitudes[w] = 2 * Math.sqrt(power(samples, hz)) / 32768;
        }
        Arrays.sort(amplitudes);
        return amplitudes[windows / 2];
    }

    /** Root mean square, in sample units: a sine of amplitude A gives A/√2. */
    public static double rms(double[] samples) {
        double sum = 0;
        for (double s : samples) {
            sum += s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }

    /**
     * Power at {@code hz} by the Goertzel recurrence (one DFT term at any frequency, not only a bin's), normalised
     * so a sine of amplitude A at that frequency gives about A²/4 whatever the length.
     */
    public static double power(double[] samples, double hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / SAMPLE_RATE);
        double s1 = 0;
        double s2 = 0;
        for (double sample : samples) {
            double s0 = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return power / ((double) samples.length * samples.length);
    }

    /**
     * The frequency carrying the most power between 20 Hz and 20 kHz: a scan of the loudest 100 ms at their DFT's
     * resolution (10 Hz) finds the peak's neighbourhood (the loudest, so a tone that sounds only part of the time,
     * a beep, is found wherever it sounds), a scan of the whole signal at a twentieth of its resolution
     * (48000 / n Hz) places the peak there, within about 0.25 Hz for 100 ms of audio. Two stages keep the cost
     * linear in the length: a scan of a long signal at its own resolution would be quadratic.
     */
    public static double dominantFrequency(double[] samples) {
        if (samples.length < 480) {
            throw new IllegalArgumentException("at least 10 ms of audio, not " + samples.length + " samples");
        }
        int excerptLength = Math.min(samples.length, SAMPLE_RATE / 10);
        int loudest = 0;
        double loudestRms = -1;
        for (int from = 0; from + excerptLength <= samples.length; from += excerptLength) {
            double rms = rms(Arrays.copyOfRange(samples, from, from + excerptLength));
            if (rms > loudestRms) {
                loudestRms = rms;
                loudest = from;
            }
        }
        double[] excerpt = Arrays.copyOfRange(samples, loudest, loudest + excerptLength);
        double coarseBin = (double) SAMPLE_RATE / excerpt.length;
        double coarse = peak(excerpt, LOWEST_HZ, HIGHEST_HZ, coarseBin);
        double bin = (double) SAMPLE_RATE / samples.length;
        return peak(samples, Math.max(LOWEST_HZ, coarse - coarseBin), Math.min(HIGHEST_HZ, coarse + coarseBin),
                bin / 20);
    }

    private static double peak(double[] samples, double from, double to, double step) {
        double best = from;
        double bestPower = -1;
        for (int i = 0; from + i * step <= to; i++) {
            double hz = from + i * step;
            double p = power(samples, hz);
            if (p > bestPower) {
                bestPower = p;
                best = hz;
            }
        }
        return best;
    }

    /** The share of the signal's power at {@code hz}: near 1 for a clean sine there, near 0 where it is absent. */
    public static double purity(double[] samples, double hz) {
        double rms = rms(samples);
        return rms == 0 ? 0 : 2 * power(samples, hz) / (rms * rms);
    }
}
