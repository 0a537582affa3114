package io.lumen.protocol.moonlight.impl.audio;

/** Measurements on decoded test audio. */
final class Signal {

    private Signal() {
    }

    /** Channel {@code channel} of interleaved samples, from sample {@code skip} on. */
    static double[] channel(short[] interleaved, int channels, int channel, int skip) {
        int frames = interleaved.length / channels;
        double[] out = new double[Math.max(0, frames - skip)];
        for (int i = skip; i < frames; i++) {
            out[i - skip] = interleaved[i * channels + channel];
        }
        return out;
    }

    static double rms(double[] samples) {
        double sum = 0;
        for (double s : samples) {
            sum += s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }

    /** Power at {@code frequency} (Goertzel), normalised so a full sine of amplitude A gives about A²/4. */
    static double power(double[] samples, double frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / 48_000.0);
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

    /** Which of {@code candidates} carries the most power. */
    static double dominant(double[] samples, double... candidates) {
        double best = candidates[0];
        for (double candidate : candidates) {
            if (power(samples, candidate) > power(samples, best)) {
                best = candidate;
            }
        }
        return best;
    }

    /** Frequency from the zero crossings: two per period. */
    static double zeroCrossingFrequency(double[] samples) {
        int crossings = 0;
        for (int i = 1; i < samples.length; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        return crossings / 2.0 / (samples.length / 48_000.0);
    }
}
