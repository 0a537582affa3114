package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.fec.FecLimits;

/**
 * How one frame becomes leopard16 shards: one FEC block whatever the frame's size. The frame is cut into
 * {@code bodyBytes} slices (the last one padded with zeros), and the block gets {@code ceil(data * fec% / 100)}
 * parity shards, raised to the client's minimum and to the {@link ParityFloor}, lowered only to what the code can
 * carry. Leopard takes no more parity than originals, so a block with more parity than data is coded as if zero
 * slices followed its data up to the parity count: both ends know them, neither sends them.
 *
 * @param frameBytes    Annex-B bytes
 * @param wantedParity  what the FEC settings ask for the block
 */
record Leopard16FramePlan(int frameBytes, int data, int parity, int wantedParity, boolean sendable)
        implements FrameLayout {

    /**
     * The plan at the stream's body size and FEC settings; {@code limits} are the codec's, null when there is no
     * codec (the frame then goes without parity).
     */
    static Leopard16FramePlan of(long frameBytes, int bodyBytes, int fecPercent, int minParity, FecLimits limits) {
        return of(frameBytes, bodyBytes, fecPercent, minParity, ParityFloor.of(ParityFloor.ofPercent(fecPercent)),
                limits);
    }

    /** The same with the block raised to what {@code floor} asks for its size. */
    static Leopard16FramePlan of(long frameBytes, int bodyBytes, int fecPercent, int minParity, ParityFloor floor,
                                 FecLimits limits) {
        long slices = Math.max(1, (frameBytes + bodyBytes - 1) / bodyBytes);
        int maxData = limits == null ? LeopardWire.MAX_DATA_SHARDS
                : Math.min(LeopardWire.MAX_DATA_SHARDS, limits.maxOriginalShards());
        if (slices > maxData || frameBytes > Integer.MAX_VALUE) {
            return new Leopard16FramePlan((int) Math.min(frameBytes, Integer.MAX_VALUE), 0, 0, 0, false);
        }
        int data = (int) slices;
        int wanted = fecPercent == 0 ? 0 : Math.max((int) ((data * (long) fecPercent + 99) / 100), minParity);
        int parity = 0;
        if (limits != null && wanted > 0) {
            int most = Math.min(limits.maxRecoveryShards(), LeopardWire.MAX_DATA_SHARDS);
            parity = floor.parity(data, wanted, most);
            wanted = parity;
            if (!limits.fits(Math.max(data, parity), parity)) {
                parity = limits.maxRecoveryFor(data);
            }
        }
        return new Leopard16FramePlan((int) frameBytes, data, parity, wanted, true);
    }

    /** Originals the code sees: the data slices, then zero slices up to the parity count. */
    int codedOriginals() {
        return Math.max(data, parity);
    }

    @Override
    public int blocks() {
        return sendable ? 1 : 0;
    }

    @Override
    public int dataShards(int block) {
        return data;
    }

    @Override
    public int parityShards(int block) {
        return parity;
    }

    @Override
    public boolean fecSkipped() {
        return parity < wantedParity;
    }
}
