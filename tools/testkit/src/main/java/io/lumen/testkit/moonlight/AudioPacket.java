package io.lumen.testkit.moonlight;

/**
 * One packet the {@link AudioReceiver} hands out, in sequence order: the Opus payload (decrypted), or for a packet
 * that was lost and could not be rebuilt an empty payload, where a real client runs packet-loss concealment.
 *
 * @param recovered rebuilt from the block's parity rather than received
 */
public record AudioPacket(int sequenceNumber, int timestamp, byte[] opus, boolean recovered) {

    static AudioPacket lost(int sequenceNumber, int timestamp) {
        return new AudioPacket(sequenceNumber, timestamp, new byte[0], false);
    }

    public boolean lost() {
        return opus.length == 0;
    }
}
