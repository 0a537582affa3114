package io.lumen.session.impl.pipeline;

/**
 * The host's settings a session's pipelines follow, taken when the session starts.
 *
 * @param audioSyncMaxMillis how long after its capture audio may be held back to leave with the picture captured at
 *                           the same time (the video's capture-to-send time is longer: encoding a picture takes
 *                           longer than a packet of sound); 0 sends audio as soon as it is encoded
 * @param repeatIdleFrames   whether the last picture is sent again at the client's rate while the capture delivers
 *                           none (an idle desktop), so the client's frame rate holds
 */
public record PipelineSettings(int audioSyncMaxMillis, boolean repeatIdleFrames) {

    public static final PipelineSettings DEFAULTS = new PipelineSettings(100, true);

    public PipelineSettings {
        if (audioSyncMaxMillis < 0 || audioSyncMaxMillis > 1_000) {
            throw new IllegalArgumentException("audio sync of " + audioSyncMaxMillis + " ms: 0 to 1000");
        }
    }

    /** The given audio hold, idle frames repeated. */
    public PipelineSettings(int audioSyncMaxMillis) {
        this(audioSyncMaxMillis, true);
    }
}
