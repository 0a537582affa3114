package io.lumen.testkit.moonlight;

import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * What both reassemblies count and keep alike: the frame awaited, the frames done, lost and repaired, the shards
 * the client had no use for or refused, and where reports of repaired and lost blocks go. The scheme's rules are in
 * the subclasses.
 */
abstract class CountingAssembler implements FrameAssembler {

    Consumer<FecReport> reports = report -> { };
    IntConsumer losses = frame -> { };
    int currentFrame = 1;
    long framesComplete;
    long framesRecovered;
    long framesLost;
    long shardsLost;
    long dataShardsRebuilt;
    long blocksRebuilt;
    private long unneeded;
    private long rejected;

    @Override
    public final int currentFrame() {
        return currentFrame;
    }

    @Override
    public final void reportsTo(Consumer<FecReport> reports) {
        this.reports = reports;
    }

    @Override
    public final void lossesTo(IntConsumer lastLostFrame) {
        this.losses = lastLostFrame;
    }

    @Override
    public final long blocksRebuilt() {
        return blocksRebuilt;
    }

    /** A shard the client's rules refuse; returns false for {@link #add}. */
    final boolean reject() {
        rejected++;
        return false;
    }

    /** Late parity of a finished block, a shard of a frame already done or given up, a duplicate. */
    final boolean unneeded() {
        unneeded++;
        return false;
    }

    @Override
    public final VideoReceiverStats stats(long datagramsReceived, long datagramsDropped, long datagramsUnneeded,
                                          long datagramsRejected) {
        return new VideoReceiverStats(framesComplete, framesRecovered, framesLost, shardsLost, dataShardsRebuilt,
                datagramsReceived, datagramsDropped, datagramsUnneeded + unneeded, datagramsRejected + rejected);
    }
}
