package io.lumen.testkit.moonlight;

/**
 * How an {@link AudioReceiver} acts as a client.
 *
 * @param pingPayload      the 16 bytes of the SETUP reply's {@code X-SS-Ping-Payload}; null pings with the legacy
 *                         "PING", as a client does when the host sent none
 * @param packetDurationMs the {@code x-nv-aqos.packetDuration} the client announced (5 or 10)
 * @param key              the launch's {@code rikey} when audio encryption was negotiated; null for clear audio
 * @param rikeyId          the launch's {@code rikeyid} (the IV seed); unused without a key
 * @param loss             loss to inject into what is received
 */
public record AudioReceiverOptions(byte[] pingPayload, int packetDurationMs, byte[] key, int rikeyId, AudioLoss loss) {

    public AudioReceiverOptions {
        if (pingPayload != null && pingPayload.length != 16) {
            throw new IllegalArgumentException("X-SS-Ping-Payload is 16 bytes, not " + pingPayload.length);
        }
        if (key != null && key.length != 16) {
            throw new IllegalArgumentException("the audio key is 16 bytes, not " + key.length);
        }
        pingPayload = pingPayload == null ? null : pingPayload.clone();
        key = key == null ? null : key.clone();
    }

    /** Clear audio without injected loss. */
    public static AudioReceiverOptions of(byte[] pingPayload, int packetDurationMs) {
        return new AudioReceiverOptions(pingPayload, packetDurationMs, null, 0, AudioLoss.none());
    }

    public AudioReceiverOptions withKey(byte[] key, int rikeyId) {
        return new AudioReceiverOptions(pingPayload, packetDurationMs, key, rikeyId, loss);
    }

    public AudioReceiverOptions withLoss(AudioLoss loss) {
        return new AudioReceiverOptions(pingPayload, packetDurationMs, key, rikeyId, loss);
    }

    @Override
    public byte[] pingPayload() {
        return pingPayload == null ? null : pingPayload.clone();
    }

    @Override
    public byte[] key() {
        return key == null ? null : key.clone();
    }
}
