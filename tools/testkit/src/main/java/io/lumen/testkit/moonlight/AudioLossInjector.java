package io.lumen.testkit.moonlight;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Decides, by {@link AudioLoss}, which received datagrams the receiver pretends it never got. */
final class AudioLossInjector {

    private final AudioLoss loss;
    private final SplittableRandom random;
    private final Map<Integer, Integer> dropsPerBlock = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Integer> eldest) {
            return size() > 64;
        }
    };
    long dataDropped;
    long fecDropped;

    AudioLossInjector(AudioLoss loss) {
        this.loss = loss;
        this.random = new SplittableRandom(loss.seed());
    }

    /** Whether to drop {@code datagram}; anything that is not a well-formed audio or parity packet is kept. */
    boolean drop(ByteBuffer datagram) {
        if (loss.rate() == 0 || datagram.remaining() < RtpAudioQueue.RTP_HEADER_BYTES) {
            return false;
        }
        int start = datagram.position();
        int payloadType = datagram.get(start + 1) & 0x7f;
        int block;
        if (payloadType == RtpAudioQueue.PAYLOAD_TYPE_AUDIO) {
            block = datagram.getShort(start + 2) & 0xfffc;
        } else if (payloadType == RtpAudioQueue.PAYLOAD_TYPE_FEC
                && datagram.remaining() >= RtpAudioQueue.RTP_HEADER_BYTES + RtpAudioQueue.FEC_HEADER_BYTES) {
            block = datagram.getShort(start + RtpAudioQueue.RTP_HEADER_BYTES + 2) & 0xffff;
        } else {
            return false;
        }
        if (random.nextDouble() >= loss.rate() || dropsPerBlock.getOrDefault(block, 0) >= loss.maxPerBlock()) {
            return false;
        }
        dropsPerBlock.merge(block, 1, Integer::sum);
        if (payloadType == RtpAudioQueue.PAYLOAD_TYPE_AUDIO) {
            dataDropped++;
        } else {
            fecDropped++;
        }
        return true;
    }
}
