package io.lumen.protocol.moonlight.impl.control;

/**
 * A client's report on one video frame it had trouble with (Sunshine's SS_FRAME_FEC_STATUS, type 0x5502, fields
 * big-endian), sent when a frame needed FEC or could not be rebuilt: how many data and parity shards it should
 * have had and how many arrived.
 */
public record FrameFecStatus(long frameIndex, int highestReceivedSequence, int nextContiguousSequence,
                             int missingBeforeHighest, int totalData, int totalParity, int receivedData,
                             int receivedParity, int fecPercent, int blockIndex, int blockCount) {

    static final int LENGTH = 21;

    static FrameFecStatus parse(byte[] p) throws ControlRejected {
        if (p.length < LENGTH) {
            throw new ControlRejected("runt", "frame FEC status of " + p.length + " bytes (" + LENGTH + " expected)");
        }
        return new FrameFecStatus(Integer.toUnsignedLong(be32(p, 0)), be16(p, 4), be16(p, 6), be16(p, 8), be16(p, 10),
                be16(p, 12), be16(p, 14), be16(p, 16), p[18] & 0xff, p[19] & 0xff, p[20] & 0xff);
    }

    /** Shards lost in the block. */
    public int lost() {
        return Math.max(0, totalData + totalParity - receivedData - receivedParity);
    }

    /**
     * The shards the link lost, as far as the report can tell. A repaired block counts those missing below the highest
     * that came: the client repairs as soon as it can and never looks at the rest, so {@link #lost()} would also count
     * what had not come yet. A lost block's report comes once the next frame began, so all it lacked is lost.
     */
    public int shardsLost() {
        return unrecoverable() ? lost() : Math.min(missingBeforeHighest, lost());
    }

    /** More shards were lost than the parity could rebuild: the frame is gone. */
    public boolean unrecoverable() {
        return receivedData + receivedParity < totalData;
    }

    private static int be16(byte[] p, int at) {
        return (p[at] & 0xff) << 8 | (p[at + 1] & 0xff);
    }

    private static int be32(byte[] p, int at) {
        return (p[at] & 0xff) << 24 | (p[at + 1] & 0xff) << 16 | (p[at + 2] & 0xff) << 8 | (p[at + 3] & 0xff);
    }
}
