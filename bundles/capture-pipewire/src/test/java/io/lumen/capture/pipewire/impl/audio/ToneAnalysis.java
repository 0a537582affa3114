package io.lumen.capture.pipewire.impl.audio;

/**
 * The amplitude of one frequency in one channel of interleaved S16 samples: a single DFT bin (Goertzel). With a
 * window holding a whole number of cycles (a 100 ms window and frequencies in multiples of 10 Hz) a sine of
 * another such frequency contributes nothing to the bin.
 */
final class ToneAnalysis {

    private ToneAnalysis() {
    }

    /** The amplitude (0..1 of full scale) of {@code hz} in {@code channel} of {@code frames} frames from {@code start}. */
    static double amplitude(short[] interleaved, int channels, int channel, int start, int frames, double hz,
                            int rate) {
        double omega = 2 * Math.PI * hz / rate;
        double coefficient = 2 * Math.cos(omega);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = 0; i < frames; i++) {
            double sample = interleaved[(start + i) * channels + channel] / 32768.0;
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return 2 * Math.sqrt(Math.max(0, power)) / frames;
    }

    /** The root mean square (0..1) of {@code channel} over the window. */
    static double rms(short[] interleaved, int channels, int channel, int start, int frames) {
        double sum = 0;
        for (int i = 0; i < frames; i++) {
            double sample = interleaved[(start + i) * channels + channel] / 32768.0;
            sum += sample * sample;
        }
        return Math.sqrt(sum / Math.max(1, frames));
    }

    /**
     * The median over the last {@code windows} 100 ms windows of the amplitude of {@code hz} in {@code channel}: a
     * scheduling hiccup on a loaded machine (a period played twice or skipped) smears one window, not the median.
     */
    static double medianAmplitude(short[] interleaved, int channels, int channel, int windows, double hz) {
        int frames = interleaved.length / channels;
        double[] amplitudes = new double[windows];
        for (int w = 0; w < windows; w++) {
            amplitudes[w] = amplitude(interleaved, channels, channel, frames - (w + 1) * WINDOW, WINDOW, hz, 48_000);
        }
        java.util.Arrays.sort(amplitudes);
        return amplitudes[windows / 2];
    }

    /** 100 ms at 48 kHz: whole cycles of every tone in multiples of 10 Hz. */
    static final int WINDOW = 4800;
}
