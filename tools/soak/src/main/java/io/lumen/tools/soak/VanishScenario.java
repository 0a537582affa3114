package io.lumen.tools.soak;

import io.lumen.client.LumenClient;
import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.MoonlightTestClient.PairOutcome;
import io.lumen.testkit.moonlight.StreamingTestClient;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients that go away mid-stream without quitting, in turn: the reference client's process killed with SIGKILL
 * (every socket closed by the kernel, nothing said), and the test client's control stream dropped silently and its
 * sockets closed. Each time the host must end the stream and its session by itself (polled through the shell, within
 * the control stream's 10 s timeout and some slack for a loaded machine; /serverinfo stays busy meanwhile because the
 * app keeps running for a resume, as in Sunshine), and the next client's resume must stream again.
 */
final class VanishScenario {

    static final String NAME = "vanish";
    /** The host's ENet peer timeout is 10 s (ControlEndpoint); 10 s more for two shared, loaded cores. */
    private static final Duration FREED_LIMIT = Duration.ofSeconds(20);
    private static final Pattern LIVE_FRAMES = Pattern.compile(" frames (\\d+) \\(");

    private VanishScenario() {
    }

    static SoakRun.Outcome run(SoakRun run) throws Exception {
        SoakOptions o = run.options;
        SoakRun.Findings findings = new SoakRun.Findings(NAME);
        try (HostUnderTest host = run.host(NAME).start()) {
            SoakClient client = new SoakClient(host, ClientIdentity.generate(), "soak-vanish");
            Path state = run.out.resolve("vanish-client");
            if (client.pair(Duration.ofSeconds(60)) != PairOutcome.PAIRED || !pairReferenceClient(host, state)) {
                findings.check(false, "the clients could not pair");
                return findings.outcome();
            }
            int threadsBefore = threads(host);
            int fdsBefore = HostProbe.openFds(host.pid());
            List<Long> freedMillis = new ArrayList<>();
            int failures = 0;
            for (int i = 1; i <= o.vanishes(); i++) {
                boolean killProcess = i % 2 == 1;
                String way = killProcess ? "client process killed" : "sockets closed without a word";
                String failure = null;
                try {
                    int frames = killProcess ? streamAndKill(host, state, o) : streamAndVanish(client, o);
                    if (frames <= 0) {
                        failure = "no frames before vanishing";
                    }
                } catch (Exception e) {
                    failure = "the launch did not stream: " + e;
                }
                Duration freed = client.awaitStreamFreed(FREED_LIMIT);
                if (freed == null) {
                    failure = (failure == null ? "" : failure + "; ") + "the host still streams after "
                            + FREED_LIMIT.toSeconds() + " s";
                } else {
                    freedMillis.add(freed.toMillis());
                }
                if (failure != null) {
                    failures++;
                }
                SoakRun.log(NAME, String.format(Locale.ROOT, "%d/%d %s: %s", i, o.vanishes(), way, failure == null
                        ? "stream freed in " + freed.toMillis() + " ms" : "FAILED: " + failure));
            }
            int frames;
            try (StreamingTestClient last = client.stream(o.width(), o.height(), o.fps(), o.kbps())) {
                frames = SoakClient.frames(last, 10, Duration.ofSeconds(20));
            } finally {
                client.quit();
            }
            findings.check(failures == 0, failures + " of " + o.vanishes() + " vanished clients left their stream"
                    + " running or their launch failed (limit " + FREED_LIMIT.toSeconds() + " s, the control timeout is 10 s)");
            findings.check(frames > 0, "a launch after the last vanished client streams: " + frames + " frames");
            freedMillis.sort(null);
            if (!freedMillis.isEmpty()) {
                findings.add(String.format(Locale.ROOT, "vanish to stream and session freed: median %d ms, worst %d ms over %d",
                        freedMillis.get(freedMillis.size() / 2), freedMillis.getLast(), freedMillis.size()));
            }
            client.awaitNotBusy(FREED_LIMIT);
            findings.add("host threads " + threadsBefore + " -> " + threads(host) + ", open fds " + fdsBefore + " -> "
                    + HostProbe.openFds(host.pid()) + " (idle, before the first and after the last)");
        }
        return findings.outcome();
    }

    private static int threads(HostUnderTest host) throws java.io.IOException {
        return (int) java.nio.file.Files.readAllLines(Path.of("/proc", String.valueOf(host.pid()), "status")).stream()
                .filter(l -> l.startsWith("Threads:")).mapToLong(l -> Long.parseLong(l.substring(8).strip()))
                .findFirst().orElse(-1);
    }

    /** Pairs the reference client's state directory through its own command line, in this JVM. */
    private static boolean pairReferenceClient(HostUnderTest host, Path state) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> pairing = CompletableFuture.supplyAsync(() -> new LumenClient(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8))
                .run("pair", SoakClient.HOST, "-pin", SoakClient.PIN, "-port", String.valueOf(host.basePort()), "-dir",
                        state.toString()));
        SoakClient.typePin(host, Duration.ofSeconds(60));
        int exit = pairing.get(2, TimeUnit.MINUTES);
        if (exit != 0) {
            SoakRun.log(NAME, "the reference client did not pair: " + out.toString(StandardCharsets.UTF_8));
        }
        return exit == 0;
    }

    /** The reference client in its own process, streaming until it has frames, then SIGKILL; its frame count. */
    private static int streamAndKill(HostUnderTest host, Path state, SoakOptions o) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process client = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "--add-modules",
                "jdk.incubator.vector", "-Djava.util.logging.config.file=/dev/null", "-cp",
                System.getProperty("java.class.path"), LumenClient.class.getName(), "stream", SoakClient.HOST,
                "-port", String.valueOf(host.basePort()), "-dir", state.toString(), "-seconds", "600", "-decode",
                "none", "-width", String.valueOf(o.width()), "-height", String.valueOf(o.height()), "-fps",
                String.valueOf(o.fps()), "-bitrate", String.valueOf(o.kbps())).redirectErrorStream(true).start();
        CompletableFuture<Integer> framesSeen = CompletableFuture.supplyAsync(() -> firstFrames(client));
        try {
            return framesSeen.get(90, TimeUnit.SECONDS);
        } finally {
            client.toHandle().destroyForcibly();
            client.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Reads the client's statistics lines until one counts frames; 0 when its output ends first. */
    private static int firstFrames(Process client) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher m = LIVE_FRAMES.matcher(line);
                if (m.find() && Integer.parseInt(m.group(1)) > 0) {
                    return Integer.parseInt(m.group(1));
                }
            }
        } catch (java.io.IOException e) {
            // killed
        }
        return 0;
    }

    /** The test client streams until it has frames, then drops its control stream and sockets without a word. */
    private static int streamAndVanish(SoakClient client, SoakOptions o) throws Exception {
        StreamingTestClient stream = client.stream(o.width(), o.height(), o.fps(), o.kbps());
        int frames = SoakClient.frames(stream, 10, Duration.ofSeconds(20));
        stream.control().vanish();
        stream.close(); // the control stream already gone, this only closes the video and audio sockets
        return frames;
    }
}
