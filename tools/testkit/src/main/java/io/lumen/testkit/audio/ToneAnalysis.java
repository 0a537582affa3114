package io.lumen.testkit.audio;

/**
 * Measurements on 48 kHz test audio: which frequency a channel carries and how loud it is. Enough to tell tones a
 * few hundred hertz apart after a lossy codec, not a spectrum analyser.
 */
public final class ToneAnalysis {

    public static final int SAMPLE_RATE = 48_000;
    private static final double LOWEST_HZ = 20;
    private static final double HIGHEST_HZ = 20_000;

    private ToneAnalysis() {
    }

    /** Channel {@code channel} of {@code channels} interleaved samples, from frame {@code skip} on. */
    public static double[] channel(short[] interleaved, int channels, int channel, int skip) {
        int frames = interleaved.length / channels;
        double[] out = new double[Math.max(0, frames - skip)];
        for (int i = skip; i < frames; i++) {
            out[i - skip] = interleaved[i * channels + channel];
        }
        return out;
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
     * The frequency carrying the most power between 20 Hz and 20 kHz: a scan at the DFT's resolution for the
     * length (48000 / n Hz) finds the peak's bin, a scan at a tenth of that around it places the peak, so the answer
     * is within about a twentieth of a bin (0.5 Hz for 100 ms of audio).
     */
    public static double dominantFrequency(double[] samples) {
        if (samples.length < 480) {
            throw new IllegalArgumentException("at least 10 ms of audio, not " + samples.length + " samples");
        }
        double bin = (double) SAMPLE_RATE / samples.length;
        double coarse = peak(samples, LOWEST_HZ, HIGHEST_HZ, bin);
        return peak(samples, Math.max(LOWEST_HZ, coarse - bin), Math.min(HIGHEST_HZ, coarse + bin), bin / 10);
    }

    private static double peak(double[] samples, double from, double to, double step) {
        double best = from;
        double bestPower = -1;
        for (double hz = from; hz <= to; hz += step) {
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
