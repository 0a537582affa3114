package io.lumen.session.impl.pipeline;

import io.lumen.api.media.VideoMode;

/**
 * The host's settings a session's pipelines follow, taken when the session starts.
 *
 * @param audioSyncMaxMillis  how long after its capture audio may be held back to leave with the picture captured at
 *                            the same time (the video's capture-to-send time is longer: encoding a picture takes
 *                            longer than a packet of sound); 0 sends audio as soon as it is encoded
 * @param repeatIdleFrames    whether the last picture is sent again at the client's rate while the capture delivers
 *                            none (an idle desktop), so the client's frame rate holds
 * @param intraRefreshMillis  how long a wave of intra refresh lasts for a client that resumes from one: a lost picture
 *                            heals within it, and each wave's intra blocks are spread over that many pictures (longer:
 *                            smaller pictures, slower healing); 0 gives such clients keyframes too
 */
public record PipelineSettings(int audioSyncMaxMillis, boolean repeatIdleFrames, int intraRefreshMillis) {

    public static final int DEFAULT_INTRA_REFRESH_MILLIS = 500;
    public static final PipelineSettings DEFAULTS = new PipelineSettings(100, true, DEFAULT_INTRA_REFRESH_MILLIS);

    public PipelineSettings {
        if (audioSyncMaxMillis < 0 || audioSyncMaxMillis > 1_000) {
            throw new IllegalArgumentException("audio sync of " + audioSyncMaxMillis + " ms: 0 to 1000");
        }
        if (intraRefreshMillis < 0 || intraRefreshMillis > 10_000) {
            throw new IllegalArgumentException("intra refresh wave of " + intraRefreshMillis + " ms: 0 to 10000");
        }
    }

    /** The given audio hold and repeats, waves of intra refresh of the default length. */
    public PipelineSettings(int audioSyncMaxMillis, boolean repeatIdleFrames) {
        this(audioSyncMaxMillis, repeatIdleFrames, DEFAULT_INTRA_REFRESH_MILLIS);
    }

    /** The given audio hold, idle frames repeated. */
    public PipelineSettings(int audioSyncMaxMillis) {
        this(audioSyncMaxMillis, true);
    }

    /** Pictures per wave of intra refresh at {@code mode}'s rate (at least 2, a wave of one is a keyframe); 0: none. */
    public int intraRefreshFrames(VideoMode mode) {
        if (intraRefreshMillis == 0) {
            return 0;
        }
        return (int) Math.max(2, Math.round(mode.fps() * (double) intraRefreshMillis / 1000));
    }
}
