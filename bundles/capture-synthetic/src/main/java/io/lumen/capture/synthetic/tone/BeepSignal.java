package io.lumen.capture.synthetic.tone;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * What the synthetic audio capture plays: a {@link Tone} (440 Hz at about -12 dBFS unless asked otherwise) that
 * sounds during the first {@value #BEEP_MILLIS} ms of every whole second of the capture clock
 * ({@link System#nanoTime()} modulo one second, the clock the synthetic video's frames are stamped with) and is
 * silent for the rest of the second. The beep onsets mark capture time in the audio itself, so a receiver can line
 * them up with the video's stamps to measure A/V sync; the tone's phase restarts at zero at each onset, so every
 * sample is a function of its capture time alone and a receiver can compute what was sent.
 */
public final class BeepSignal {

    /** The capture option setting the frequency: one for all channels, or a comma list with one per channel. */
    public static final String HZ_OPTION = "tone.hz";
    public static final double DEFAULT_HZ = 440;
    public static final int BEEP_MILLIS = 250;
    public static final long BEEP_NANOS = BEEP_MILLIS * 1_000_000L;
    public static final long SECOND_NANOS = 1_000_000_000L;

    private final Tone tone;

    public BeepSignal(Tone tone) {
        this.tone = tone;
    }

    /**
     * The signal for {@code channels} channels from the {@value #HZ_OPTION} option's text: absent means
     * {@value #DEFAULT_HZ} Hz everywhere.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static BeepSignal parse(String hz, int channels) {
        if (hz == null || hz.isBlank()) {
            return new BeepSignal(new Tone(repeat(DEFAULT_HZ, channels)));
        }
        String[] parts = hz.split(",");
        if (parts.length != 1 && parts.length != channels) {
            throw new IllegalArgumentException(HZ_OPTION + "=" + hz + ": one frequency or " + channels
                    + " (one per channel), not " + parts.length);
        }
        double[] frequencies = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                frequencies[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(HZ_OPTION + "=" + hz + ": '" + parts[i].trim()
                        + "' is not a frequency in Hz");
            }
        }
        try {
            return new BeepSignal(new Tone(parts.length == 1 ? repeat(frequencies[0], channels) : frequencies));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HZ_OPTION + "=" + hz + ": " + e.getMessage());
        }
    }

    private static double[] repeat(double frequency, int channels) {
        double[] frequencies = new double[channels];
        Arrays.fill(frequencies, frequency);
        return frequencies;
    }

    public Tone tone() {
        return tone;
    }

    /** Whether the beep sounds at capture time {@code nanos}. */
    public static boolean sounding(long nanos) {
        return Math.floorMod(nanos, SECOND_NANOS) < BEEP_NANOS;
    }

    /** The capture time of sample {@code index} of a stretch whose first sample was captured at {@code firstNanos}. */
    public static long sampleNanos(long firstNanos, long index) {
        return firstNanos + index * SECOND_NANOS / Tone.SAMPLE_RATE;
    }

    /** Channel {@code channel}'s sample at capture time {@code nanos}. */
    public short sample(int channel, long nanos) {
        long intoSecond = Math.floorMod(nanos, SECOND_NANOS);
        return intoSecond < BEEP_NANOS ? tone.sample(channel, intoSecond / (double) SECOND_NANOS) : 0;
    }

    /** Writes {@code frames} interleaved samples of every channel, the first captured at {@code firstNanos}. */
    public void fill(MemorySegment pcm, int frames, long firstNanos) {
        int channels = tone.channels();
        for (int i = 0; i < frames; i++) {
            long nanos = sampleNanos(firstNanos, i);
            for (int c = 0; c < channels; c++) {
                pcm.setAtIndex(ValueLayout.JAVA_SHORT, (long) i * channels + c, sample(c, nanos));
            }
        }
    }

    /** "440 Hz beeps of 250 ms on every second". */
    @Override
    public String toString() {
        return tone + " beeps of " + BEEP_MILLIS + " ms on every second";
    }
}
