package io.lumen.testkit.moonlight;

/**
 * One video frame as a Moonlight client hands it to its decoder.
 *
 * @param frameIndex          the host's frame index (1, 2, ...)
 * @param frameType           the short header's frame type: 1 P-frame, 2 IDR, 4 intra-refresh, 5 P after RFI
 * @param hostLatencyTenthsMs the host's capture-to-send time the short header reports, in 0.1 ms
 * @param rtpTimestamp        the RTP timestamp (90 kHz)
 * @param recovered           at least one data shard was rebuilt by FEC
 * @param data                the Annex-B bytes, frame header and padding stripped
 * @param completedMicros     wall-clock microseconds since the epoch when the frame was complete at the client, the
 *                            clock the synthetic capture's stamps use
 */
public record ReceivedFrame(int frameIndex, int frameType, int hostLatencyTenthsMs, int rtpTimestamp,
                            boolean recovered, byte[] data, long completedMicros) {

    public boolean idr() {
        return frameType == 2;
    }

    @Override
    public String toString() {
        return "ReceivedFrame[" + frameIndex + ", type " + frameType + ", " + data.length + " bytes"
                + (recovered ? ", recovered" : "") + "]";
    }
}
