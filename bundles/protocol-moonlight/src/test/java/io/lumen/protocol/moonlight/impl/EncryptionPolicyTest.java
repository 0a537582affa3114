package io.lumen.protocol.moonlight.impl;

import io.lumen.protocol.moonlight.impl.stream.EncryptionPolicy;
import io.lumen.protocol.moonlight.impl.stream.StreamParameters;
import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.RtspTestClient;
import io.lumen.testkit.moonlight.StreamOffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code encryption} setting and the downgrade rule, against a whole host on loopback: what DESCRIBE requests,
 * whom ANNOUNCE and /launch refuse, and that a paired client's record of what it has shown outlives a restart.
 */
class EncryptionPolicyTest {

    /** featureFlags without the legacy audio-encryption opt-in (0x20). */
    private static final String NO_AUDIO_OPT_IN = "135";

    @TempDir
    Path dir;
    private RunningHost host;

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
    }

    /** A client that negotiates but announces only control (v2): what a client that ignores the request sends. */
    private static StreamOffer controlOnly() {
        return StreamOffer.h264(1280, 720, 60, 1).with("x-ss-general.encryptionEnabled", "1")
                .with("x-nv-general.featureFlags", NO_AUDIO_OPT_IN);
    }

    /** A client from before Sunshine's encryption negotiation: legacy control IVs, nothing else encrypted. */
    private static StreamOffer legacy() {
        return StreamOffer.h264(1280, 720, 60, 1).with("x-ss-general.encryptionEnabled", "")
                .with("x-nv-general.featureFlags", NO_AUDIO_OPT_IN);
    }

    private RtspTestClient.Handshake handshake(MoonlightTestClient client, StreamOffer offer) throws Exception {
        LaunchKeys keys = LaunchKeys.random();
        Reply launch = client.launch(7, "1280x720x60", keys);
        assertEquals(200, launch.status(), launch.toString());
        return new RtspTestClient("127.0.0.1", host.host.rtspPort(), keys).handshake(launch.field("sessionUrl0"),
                offer);
    }

    private IOException refused(MoonlightTestClient client, StreamOffer offer) throws Exception {
        IOException refused = assertThrows(IOException.class, () -> handshake(client, offer));
        assertTrue(refused.getMessage().startsWith("RTSP ANNOUNCE answered 403"), refused.getMessage());
        assertEquals(200, client.cancel().status());
        return refused;
    }

    @Test
    void byDefaultEveryStreamIsRequestedAndAClientThatCanEncryptButEnablesLessIsRefused() throws Exception {
        host = new RunningHost(dir);
        MoonlightTestClient client = host.paired("frugal");
        IOException refused = refused(client, controlOnly());
        assertTrue(refused.getMessage().contains("left out video and audio encryption"), refused.getMessage());
        assertTrue(host.host.streams().current().isEmpty(), "no stream started");

        RtspTestClient.Handshake complying = handshake(client, StreamOffer.h264(1280, 720, 60, 1));
        assertTrue(complying.describe().contains("a=x-ss-general.encryptionRequested:7\n"), complying.describe());
        assertEquals(7, complying.encryption(), "a client that wanted control only complies, as Moonlight does");
        assertEquals("control video audio", host.host.streams().announced().orElseThrow().encryptedStreams());
    }

    @Test
    void theControlSettingRequestsOnlyTheControlStream() throws Exception {
        host = new RunningHost(dir, EncryptionPolicy.CONTROL);
        RtspTestClient.Handshake done = handshake(host.paired("lan"), controlOnly());
        assertTrue(done.describe().contains("a=x-ss-general.encryptionRequested:1\n"), done.describe());
        assertEquals("control", host.host.streams().announced().orElseThrow().encryptedStreams());
    }

    @Test
    void aLegacyClientIsServedAsItCanByDefaultAndRefusedWhenEncryptionIsMandatory() throws Exception {
        host = new RunningHost(dir);
        handshake(host.paired("old"), legacy());
        StreamParameters announced = host.host.streams().announced().orElseThrow();
        assertTrue(announced.legacyControlEncryption(), "legacy control IVs for a client without v2");
        host.close();

        host = new RunningHost(dir.resolve("mandatory"), EncryptionPolicy.MANDATORY);
        MoonlightTestClient client = host.paired("old");
        IOException refused = refused(client, legacy());
        assertTrue(refused.getMessage().contains("cannot negotiate stream encryption"), refused.getMessage());
        Reply plain = client.launchWithCoreVersion(7, "1280x720x60", LaunchKeys.random(), 0);
        assertEquals(403, plain.status(), "plain RTSP is refused at /launch: " + plain);
        assertTrue(host.host.running().isEmpty(), "nothing was launched");
        handshake(client, StreamOffer.h264(1280, 720, 60, 7)); // a current client streams
    }

    @Test
    void aClientThatShowedV2AndEncryptedRtspIsRefusedLessAlsoAfterARestart() throws Exception {
        host = new RunningHost(dir);
        ClientIdentity identity = ClientIdentity.generate();
        MoonlightTestClient client = host.client("phone", identity);
        assertEquals(MoonlightTestClient.PairOutcome.PAIRED, client.pair("1234", host.typesPin("1234")));
        handshake(client, legacy()); // before it showed more, legacy control is its own business
        assertEquals(200, client.cancel().status());
        handshake(client, StreamOffer.h264(1280, 720, 60, 7));
        assertEquals(200, client.cancel().status());

        IOException downgrade = refused(client, legacy());
        assertTrue(downgrade.getMessage().contains("a downgrade"), downgrade.getMessage());
        host.close();

        host = new RunningHost(dir);
        client = host.client("phone", identity);
        Reply plain = client.launchWithCoreVersion(7, "1280x720x60", LaunchKeys.random(), 0);
        assertEquals(403, plain.status(), "plain RTSP after encrypted RTSP, remembered across a restart: " + plain);
        assertTrue(refused(client, legacy()).getMessage().contains("a downgrade"));
        assertFalse(host.host.running().isPresent());
        handshake(client, StreamOffer.h264(1280, 720, 60, 7));
    }
}
