package io.lumen.tools.lossharness;

/**
 * What came of one cell.
 *
 * @param framesSent       frames the scheme put on the wire (rs8-moonlight cannot address a frame of more than
 *                         4 x 1023 shards, and sends nothing for it)
 * @param delivered        frames the client's assembler handed out byte for byte
 * @param repaired         of those, frames that needed FEC
 * @param wrong            frames handed out that were not the frame sent: always 0 unless reassembly is broken
 * @param dataDatagrams    data datagrams sent, over all frames
 * @param parityDatagrams  parity datagrams sent, over all frames
 * @param dropped          datagrams the loss model dropped
 */
record CellResult(Cell cell, int framesSent, int delivered, int repaired, int wrong, long dataDatagrams,
                  long parityDatagrams, long dropped) {

    boolean sent() {
        return framesSent > 0;
    }

    /** Every frame delivered. */
    boolean allDelivered() {
        return delivered == cell.frames();
    }

    double deliveredShare() {
        return delivered / (double) cell.frames();
    }

    /** Parity bytes over data bytes on the wire (every datagram of a stream has the same size). */
    double fecOverhead() {
        return dataDatagrams == 0 ? 0 : parityDatagrams / (double) dataDatagrams;
    }

    /** The FEC percentage asked for, but the frames went without parity. */
    boolean fecSkipped() {
        return sent() && cell.fecPercent() > 0 && parityDatagrams == 0;
    }

    long datagrams() {
        return dataDatagrams + parityDatagrams;
    }

    double lostShare() {
        return datagrams() == 0 ? 0 : dropped / (double) datagrams();
    }
}
