package io.lumen.testkit.moonlight;

/**
 * One audio packet as the client's audio receiver handed it out, and when.
 *
 * @param arrivalNanos {@link System#nanoTime()} when it was handed out (the host's capture clock in a test that
 *                     runs host and client in one JVM)
 * @param arrivalMicros the same moment in wall-clock microseconds since the epoch (the synthetic picture stamps'
 *                      clock)
 */
public record ReceivedAudio(AudioPacket packet, long arrivalNanos, long arrivalMicros) {

    static ReceivedAudio now(AudioPacket packet) {
        long nanos = System.nanoTime();
        java.time.Instant wall = java.time.Instant.now();
        return new ReceivedAudio(packet, nanos, wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1000);
    }
}
