package io.lumen.tools.soak;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.MoonlightTestClient.PairOutcome;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import io.lumen.testkit.moonlight.StreamingTestClient.VideoLossSetting;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * One Moonlight client of the soak, on the test kit's client: pairs by typing the PIN at the host through its
 * command socket, launches (or resumes) the desktop and connects the streams as moonlight-common-c does (all three
 * encrypted, rs8-moonlight video FEC), and reads the host's state from /serverinfo.
 */
final class SoakClient {

    static final String HOST = "127.0.0.1";
    static final String PIN = "4321";
    private static final FecCodec VIDEO_FEC = new Rs8MoonlightService();
    private static final FecCodec AUDIO_FEC = new Rs8AudioService();

    private final HostUnderTest host;
    private final MoonlightTestClient client;
    private final String name;

    SoakClient(HostUnderTest host, ClientIdentity identity, String name) {
        this.host = host;
        this.name = name;
        this.client = new MoonlightTestClient(HOST, host.basePort(), host.basePort() - 5, identity, name);
    }

    String name() {
        return name;
    }

    MoonlightTestClient moonlight() {
        return client;
    }

    /** Pairs: the PIN is typed at the host as soon as it holds this client's request. */
    PairOutcome pair(Duration limit) throws Exception {
        return client.pair(PIN, () -> typePin(host, limit));
    }

    /** Types the PIN at the host until a client waits for it; false when none waited within {@code limit}. */
    static boolean typePin(HostUnderTest host, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && host.alive()) {
            if (host.command("lumen:pair " + PIN).ok()) {
                return true;
            }
            Pause.briefly();
        }
        return false;
    }

    /** Whether the host, over HTTPS with this client's certificate, says it is paired. */
    boolean paired() throws IOException, InterruptedException {
        return "1".equals(client.https("/serverinfo", "").field("PairStatus"));
    }

    /** The host's plain /serverinfo. */
    Reply serverInfo() throws IOException, InterruptedException {
        return client.http("/serverinfo", "");
    }

    /** Whether a client streams (the state a stock client reads to show "busy"). */
    boolean busy() throws IOException, InterruptedException {
        String state = serverInfo().field("state");
        return state != null && state.contains("_SERVER_BUSY");
    }

    /** Polls /serverinfo until no client streams; the time it took, or null when still busy after {@code limit}. */
    Duration awaitNotBusy(Duration limit) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < limit.toNanos()) {
            if (!busy()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Pause.briefly();
        }
        return null;
    }

    /**
     * Polls the host until no stream is connected and no session runs (its own view, through the shell: /serverinfo
     * stays busy while the app runs, which outlives a vanished client so that it can resume, as in Sunshine); the
     * time it took, or null when a stream still ran after {@code limit}.
     */
    Duration awaitStreamFreed(Duration limit) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < limit.toNanos()) {
            if (host.command("lumen:moonlight").output().contains("no client connected")
                    && host.command("lumen:sessions").output().startsWith("no sessions")) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Pause.briefly();
        }
        return null;
    }

    /**
     * Launches the desktop (or resumes it when it already runs) and connects the streams at {@code mode}
     * (WxHxFPS); throws with the host's reply when it refuses.
     */
    StreamingTestClient stream(int width, int height, int fps, int kbps) throws IOException, InterruptedException {
        int appId = desktopId();
        Reply info = client.https("/serverinfo", "");
        boolean running = !"0".equals(info.field("currentgame"));
        LaunchKeys keys = LaunchKeys.random();
        String mode = width + "x" + height + "x" + fps;
        Reply started = running ? client.resume(mode, keys) : client.launch(appId, mode, keys);
        String url = started.field("sessionUrl0");
        if (started.status() != 200 || url == null) {
            throw new IOException((running ? "resume" : "launch") + " refused: " + started);
        }
        StreamOffer offer = new StreamOffer(width, height, fps, 1360, kbps, 0, 7, 2, 5, java.util.Map.of());
        return StreamingTestClient.connect(HOST, url, keys, offer, VIDEO_FEC, AUDIO_FEC, VideoLossSetting.none());
    }

    private int desktopId() throws IOException, InterruptedException {
        List<String> apps = client.apps();
        if (apps.isEmpty()) {
            throw new IOException("the host lists no apps");
        }
        String first = apps.stream().filter(a -> a.endsWith("=Desktop")).findFirst().orElse(apps.get(0));
        return Integer.parseInt(first.substring(0, first.indexOf('=')));
    }

    /** Quits the running app, as a client's "quit" does. */
    void quit() throws IOException, InterruptedException {
        Reply cancel = client.cancel();
        if (cancel.status() != 200) {
            throw new IOException("cancel refused: " + cancel);
        }
    }

    /** Frames received within {@code window}, at least {@code wanted} of them or until the window closes. */
    static int frames(StreamingTestClient stream, int wanted, Duration window) throws InterruptedException {
        int got = 0;
        long deadline = System.nanoTime() + window.toNanos();
        while (got < wanted) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            if (stream.video().next(Duration.ofNanos(left)) != null) {
                got++;
            }
        }
        return got;
    }
}
