package io.lumen.api.backend;

import java.util.Locale;

/** The replaceable parts of a session: the video and audio pipelines' stages, its input injector, and the FEC codecs. */
public enum BackendRole {
    CAPTURE, ENCODER, FEC,
    /** Since 1.1. */
    AUDIO_CAPTURE,
    /** Since 1.1. */
    AUDIO_ENCODER,
    /** The session's input injector. Since 1.2. */
    INPUT;

    /** The name operators type ("capture", "encoder", "fec", "audio-capture", "audio-encoder", "input"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the role belongs to a session's audio pipeline. Since 1.1. */
    public boolean audio() {
        return this == AUDIO_CAPTURE || this == AUDIO_ENCODER;
    }

    public static BackendRole parse(String text) {
        String wanted = text.trim().replace('_', '-');
        for (BackendRole role : values()) {
            if (role.label().equalsIgnoreCase(wanted) || (role == ENCODER && "encode".equalsIgnoreCase(wanted))
                    || (role == AUDIO_ENCODER && "audio-encode".equalsIgnoreCase(wanted))) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text
                + "' (want capture, encoder, fec, audio-capture, audio-encoder or input)");
    }
}
