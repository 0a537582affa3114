package io.lumen.session.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@value SessionManagerImpl#PID}; {@code lumen:use} and {@code lumen:capture} write the pins. */
@ObjectClassDefinition(name = "lumen session manager", description = "Backend choice and recording defaults")
public @interface SessionConfig {

    @AttributeDefinition(description = "Capture backend id every session uses when available; empty: best ranking")
    String pin_capture() default "";

    @AttributeDefinition(description = "What the pinned capture backend captures (a PipeWire node id or name, a window,"
            + " an output) for sessions that name no target themselves; empty: the backend's default")
    String capture_target() default "";

    @AttributeDefinition(description = "Encoder backend id every session uses when available; empty: best ranking")
    String pin_encoder() default "";

    @AttributeDefinition(description = "Audio capture backend id every session uses when available; empty: best ranking")
    String pin_audio$_$capture() default "";

    @AttributeDefinition(description = "Audio encoder backend id every session uses when available; empty: best ranking")
    String pin_audio$_$encoder() default "";

    @AttributeDefinition(description = "Input backend id every session uses when available; empty: best ranking")
    String pin_input() default "";

    @AttributeDefinition(description = "How long audio may be held back to leave with the picture captured at the"
            + " same time (the video's capture-to-send time), ms; 0 sends audio as soon as it is encoded")
    int audio_sync_max_ms() default 100;

    @AttributeDefinition(description = "Send the last picture again at the client's frame rate while the capture"
            + " delivers none (an idle desktop: damage-driven producers send no frame while nothing changes)")
    boolean video_repeat_idle() default true;

    @AttributeDefinition(description = "For a client that resumes from intra refresh: how long a wave of intra refresh"
            + " lasts, ms (a lost picture heals within it, where the encoder refreshes in waves); 0 gives such clients"
            + " keyframes too")
    int video_intra_refresh_ms() default 500;

    @AttributeDefinition(description = "Mode of lumen:record sessions, WxHxFPS")
    String record_mode() default "1280x720x60";

    @AttributeDefinition(description = "Bitrate of lumen:record sessions, kbps")
    int record_bitrate_kbps() default 10000;
}
