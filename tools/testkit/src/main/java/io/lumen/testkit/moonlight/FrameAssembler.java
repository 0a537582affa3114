package io.lumen.testkit.moonlight;

/** A client's reassembly of decrypted video shards into frames, for one FEC scheme. Not thread-safe. */
public interface FrameAssembler {

    /** Which FEC block a shard belongs to and how many of its shards the block can lose, as its header says. */
    record BlockTag(long block, int parityShards) {
    }

    /** Takes one decrypted shard (the array is kept); false when the client has no use for it or refuses it. */
    boolean add(byte[] shard);

    /** The frame the client waits for; an encrypted shard of an older frame is dropped before decryption. */
    int currentFrame();

    /** The shard's block, or null when the header cannot be read. */
    BlockTag tag(byte[] shard);

    /** The counters, with those of the socket side that feeds it. */
    VideoReceiverStats stats(long datagramsReceived, long datagramsDropped, long datagramsUnneeded,
                             long datagramsRejected);
}
