package io.lumen.api.backend;

import java.util.Locale;

/** The replaceable parts of a pipeline. */
public enum BackendRole {
    CAPTURE, ENCODER, FEC;

    /** The name operators type ("capture", "encoder", "fec"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BackendRole parse(String text) {
        for (BackendRole role : values()) {
            if (role.label().equalsIgnoreCase(text.trim()) || (role == ENCODER && "encode".equalsIgnoreCase(text.trim()))) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "' (want capture, encoder or fec)");
    }
}
