package io.lumen.testkit.moonlight;

/** A client's reassembly of decrypted video shards into frames, for one FEC scheme. Not thread-safe. */
public interface FrameAssembler {

    /**
     * What a client tells the host of a FEC block it had to repair or lost (Sunshine's SS_FRAME_FEC_STATUS), which
     * the host's adaptive FEC follows.
     */
    record FecReport(int frameIndex, int totalData, int totalParity, int receivedData, int receivedParity,
                     int fecPercent, int missingBeforeHighest, int blockIndex, int blockCount) {
    }

    /** Which FEC block a shard belongs to and how many of its shards the block can lose, as its header says. */
    record BlockTag(long block, int parityShards) {
    }

    /** Takes one decrypted shard (the array is kept); false when the client has no use for it or refuses it. */
    boolean add(byte[] shard);

    /** The frame the client waits for; an encrypted shard of an older frame is dropped before decryption. */
    int currentFrame();

    /** Where reports of repaired and lost blocks go from now on (none until set). */
    void reportsTo(java.util.function.Consumer<FecReport> reports);

    /**
     * Where the news of frames given up goes from now on, as moonlight-common-c's FEC queue tells its depacketizer:
     * the index of the newest frame lost (the ones before it since the last frame completed are lost too), once
     * per loss, as soon as the frame cannot be rebuilt.
     */
    void lossesTo(java.util.function.IntConsumer lastLostFrame);

    /** FEC blocks whose missing data shards were rebuilt. */
    long blocksRebuilt();

    /** The shard's block, or null when the header cannot be read. */
    BlockTag tag(byte[] shard);

    /** The counters, with those of the socket side that feeds it. */
    VideoReceiverStats stats(long datagramsReceived, long datagramsDropped, long datagramsUnneeded,
                             long datagramsRejected);
}
