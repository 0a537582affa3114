package io.lumen.protocol.moonlight.impl.stream;

import java.util.Arrays;
import java.util.Locale;

/**
 * The host's {@code encryption} setting: what DESCRIBE asks of a client ({@code x-ss-general.encryptionRequested})
 * and whom ANNOUNCE turns away. moonlight-common-c enables every stream the host requests whatever its own
 * preference, so "requested" is "required" for any client that negotiates encryption at all (one that answers
 * with {@code x-ss-general.encryptionEnabled}); older clients never see the request and are judged by
 * {@link #refusesClientsThatCannot()}.
 */
public enum EncryptionPolicy {

    /** The default: video, audio and control (v2) from every client that negotiates; older clients as they can. */
    REQUIRED("required", StreamParameters.ENC_CONTROL_V2 | StreamParameters.ENC_VIDEO | StreamParameters.ENC_AUDIO,
            false),
    /** As {@link #REQUIRED}, and a client that cannot (plain RTSP, no negotiation, legacy control) is refused. */
    MANDATORY("mandatory", StreamParameters.ENC_CONTROL_V2 | StreamParameters.ENC_VIDEO
            | StreamParameters.ENC_AUDIO, true),
    /**
     * Only the control stream (input) required, as Sunshine does on a LAN: video and audio go in the clear unless
     * the client itself asks, which spares the per-packet AES-GCM at multi-Gbit rates.
     */
    CONTROL("control", StreamParameters.ENC_CONTROL_V2, false);

    private final String setting;
    private final int requested;
    private final boolean refusesClientsThatCannot;

    EncryptionPolicy(String setting, int requested, boolean refusesClientsThatCannot) {
        this.setting = setting;
        this.requested = requested;
        this.refusesClientsThatCannot = refusesClientsThatCannot;
    }

    /**
     * The policy an {@code encryption} setting names.
     *
     * @throws IllegalArgumentException naming the values there are
     */
    public static EncryptionPolicy parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.setting.equals(wanted)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("encryption is \"" + text + "\"; it is one of required (the default),"
                        + " mandatory, control"));
    }

    /** The SS_ENC bits DESCRIBE requests. */
    public int requested() {
        return requested;
    }

    /** Whether a client that cannot encrypt everything (an older one) is refused rather than served as it can. */
    public boolean refusesClientsThatCannot() {
        return refusesClientsThatCannot;
    }

    public String setting() {
        return setting;
    }
}
