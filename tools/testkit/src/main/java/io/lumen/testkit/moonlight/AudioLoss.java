package io.lumen.testkit.moonlight;

/**
 * Loss the {@link AudioReceiver} injects into what it receives, repeatable by seed: each datagram (data or parity)
 * is dropped with probability {@code rate}, but at most {@code maxPerBlock} of the six in one FEC block, so a test
 * can ask for loss the FEC must fully repair (1 or 2 per block) or loss it cannot (3 or more).
 */
public record AudioLoss(double rate, long seed, int maxPerBlock) {

    public AudioLoss {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("a loss rate is between 0 and 1, not " + rate);
        }
        if (maxPerBlock < 0 || maxPerBlock > 6) {
            throw new IllegalArgumentException("a block has 6 packets; at most " + maxPerBlock + " lost?");
        }
    }

    public static AudioLoss none() {
        return new AudioLoss(0, 0, 0);
    }
}
