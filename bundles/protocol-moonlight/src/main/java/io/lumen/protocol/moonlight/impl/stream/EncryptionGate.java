package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.protocol.moonlight.impl.store.EncryptionShown;
import io.lumen.protocol.moonlight.impl.store.PairedClientStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds launches and streams to the host's {@link EncryptionPolicy} and to what each paired client has shown it
 * can do: a client that once launched with encrypted RTSP, or streamed with version-2 control IVs, is refused
 * when it later asks for less (a downgrade), since what asks is then more likely someone replaying or steering
 * its requests than the client forgetting. Re-pairing the certificate starts its record afresh.
 */
public final class EncryptionGate {

    /** The status of every refusal here, at /launch and in RTSP: "Forbidden", as Sunshine answers it. */
    public static final int REFUSED = 403;

    private final EncryptionPolicy policy;
    private final PairedClientStore clients;
    private final System.Logger log;

    public EncryptionGate(EncryptionPolicy policy, PairedClientStore clients, System.Logger log) {
        this.policy = policy;
        this.clients = clients;
        this.log = log;
    }

    public EncryptionPolicy policy() {
        return policy;
    }

    /**
     * At {@code /launch} and {@code /resume}: why the launch is refused, or empty. A launch with encrypted RTSP is
     * remembered as shown.
     */
    public Optional<String> admitLaunch(String fingerprint, String clientName, int coreVersion) {
        if (coreVersion >= 1) {
            remember(fingerprint, clientName, new EncryptionShown(true, false));
            return Optional.empty();
        }
        if (policy.refusesClientsThatCannot()) {
            return refuse(clientName, "launched without encrypted RTSP (corever 0), which this host requires"
                    + " (encryption=" + policy.setting() + ")");
        }
        if (shown(fingerprint).encryptedRtsp()) {
            return refuse(clientName, "launched without encrypted RTSP (corever 0) after launching with it before:"
                    + " a downgrade");
        }
        return Optional.empty();
    }

    /** At ANNOUNCE, before anything starts: refused (403) with the reason, or admitted. */
    public void admitStream(LaunchSession launch, StreamParameters p) throws StreamRefused {
        Optional<String> refusal = streamRefusal(launch, p);
        if (refusal.isPresent()) {
            throw new StreamRefused(REFUSED, refusal.get());
        }
    }

    private Optional<String> streamRefusal(LaunchSession launch, StreamParameters p) {
        String name = launch.clientName();
        boolean encryptedRtsp = launch.parameters().coreVersion() >= 1;
        if (policy.refusesClientsThatCannot() && !encryptedRtsp) {
            return refuse(name, "streams over plain RTSP, which this host refuses (encryption=" + policy.setting()
                    + ")");
        }
        boolean controlV2 = p.controlEncrypted() && (p.encryption() & StreamParameters.ENC_CONTROL_V2) != 0;
        if (p.encryptionNegotiated()) {
            int missing = policy.requested() & ~p.encryption();
            if (!controlV2 && (policy.requested() & StreamParameters.ENC_CONTROL_V2) != 0) {
                missing |= StreamParameters.ENC_CONTROL_V2;
            }
            if (missing != 0) {
                return refuse(name, "can encrypt (it answered the host's request) but left out " + names(missing)
                        + ", which this host requires (encryption=" + policy.setting() + ")");
            }
        } else if (policy.refusesClientsThatCannot()) {
            return refuse(name, "cannot negotiate stream encryption (an older client: "
                    + (p.legacyControlEncryption() ? "legacy control IVs" : p.controlEncrypted() ? "control only"
                    : "nothing encrypted") + "), which this host requires (encryption=" + policy.setting() + ")");
        }
        EncryptionShown before = shown(launch.clientFingerprint());
        if (before.controlV2() && !controlV2) {
            return refuse(name, "asks for " + (p.controlEncrypted() ? "legacy control encryption"
                    : "an unencrypted control stream") + " after streaming with version-2 control encryption before:"
                    + " a downgrade");
        }
        if (before.encryptedRtsp() && !encryptedRtsp) {
            return refuse(name, "streams over plain RTSP after using encrypted RTSP before: a downgrade");
        }
        return Optional.empty();
    }

    /** The stream started: what it used is remembered for the client's next launches. */
    public void streamed(LaunchSession launch, StreamParameters p) {
        remember(launch.clientFingerprint(), launch.clientName(), new EncryptionShown(
                launch.parameters().coreVersion() >= 1,
                p.controlEncrypted() && (p.encryption() & StreamParameters.ENC_CONTROL_V2) != 0));
    }

    private EncryptionShown shown(String fingerprint) {
        return clients.byFingerprint(fingerprint).map(c -> c.shown()).orElse(EncryptionShown.NONE);
    }

    private void remember(String fingerprint, String clientName, EncryptionShown more) {
        try {
            if (clients.showed(fingerprint, more)) {
                log.log(System.Logger.Level.INFO, "client \"" + clientName + "\" has shown " + describe(
                        shown(fingerprint)) + ": launches asking for less are refused from now on");
            }
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "client \"" + clientName + "\" has shown " + describe(more)
                    + ", kept until the host stops; the paired-client file could not be written: " + e.getMessage());
        }
    }

    private Optional<String> refuse(String clientName, String why) {
        String reason = "client \"" + clientName + "\" " + why;
        log.log(System.Logger.Level.WARNING, "encryption: refused " + reason);
        return Optional.of(reason);
    }

    private static String describe(EncryptionShown shown) {
        List<String> parts = new ArrayList<>();
        if (shown.encryptedRtsp()) {
            parts.add("encrypted RTSP");
        }
        if (shown.controlV2()) {
            parts.add("version-2 control encryption");
        }
        return parts.isEmpty() ? "nothing" : String.join(" and ", parts);
    }

    /** "video and audio encryption", for the SS_ENC bits. */
    static String names(int bits) {
        List<String> names = new ArrayList<>();
        if ((bits & StreamParameters.ENC_VIDEO) != 0) {
            names.add("video");
        }
        if ((bits & StreamParameters.ENC_AUDIO) != 0) {
            names.add("audio");
        }
        if ((bits & StreamParameters.ENC_CONTROL_V2) != 0) {
            names.add("control (v2)");
        }
        return String.join(" and ", names) + " encryption";
    }
}
