package io.lumen.client;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.Leopard16Service;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import io.lumen.testkit.moonlight.StreamingTestClient.VideoLossSetting;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code stream}: launches (or resumes) the app, runs the RTSP handshake asking for the chosen FEC scheme, receives
 * video and audio with the control stream up (asking for an IDR when a frame is lost), decodes or only counts, prints
 * a line of statistics every second and at the end the {@code LUMEN_CLIENT_RESULT} line. Interrupting the client
 * (Ctrl-C) ends the stream early and still prints the result.
 */
final class StreamCommand {

    /** All three streams encrypted, as Moonlight clients ask on a CPU with AES instructions. */
    private static final int ENCRYPT_ALL = 7;
    /** The packet size moonlight-common-c announces with video encryption (1392 less the 32-byte header). */
    private static final int PACKET_SIZE = 1360;
    private static final long SILENCE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ClientOptions options;
    private final MoonlightTestClient client;
    private final PrintStream out;
    private final PrintStream err;
    private volatile boolean stopRequested;

    StreamCommand(ClientOptions options, MoonlightTestClient client, PrintStream out, PrintStream err) {
        this.options = options;
        this.client = client;
        this.out = out;
        this.err = err;
    }

    int run() throws Exception {
        int appId = appId();
        if (appId < 0) {
            return LumenClient.FAILED;
        }
        StreamStats stats = new StreamStats(options.fec().scheme, options.mode(), options.codec(),
                options.decode() ? "libav" : "none");
        // window and decoder first: what cannot run here fails before the host launches anything, and the first
        // frames do not wait in the queue for them
        try (PictureWindow window = options.window() ? PictureWindow.open("lumen-client: " + options.host(),
                options.width(), options.height(), () -> stopRequested = true) : null;
             PictureDecoder decoder = options.decode() ? PictureDecoder.open(options.codec(), stats, window) : null) {
            return stream(appId, stats, decoder);
        }
    }

    private int stream(int appId, StreamStats stats, PictureDecoder decoder) throws Exception {
        LaunchKeys keys = LaunchKeys.random();
        String sessionUrl = start(appId, keys);
        if (sessionUrl == null) {
            return LumenClient.FAILED;
        }
        StreamOffer offer = new StreamOffer(options.width(), options.height(), options.fps(), PACKET_SIZE,
                options.bitrateKbps(), "hevc".equals(options.codec()) ? 1 : 0, ENCRYPT_ALL, 2, 5, Map.of());
        if (options.fec() == ClientOptions.FecChoice.LEOPARD16) {
            offer = offer.withFecScheme(options.fec().scheme); // rs8 goes unasked, exactly as a stock client
        }
        FecCodec videoFec = options.fec() == ClientOptions.FecChoice.LEOPARD16 ? new Leopard16Service()
                : new Rs8MoonlightService();
        FecWarmUp.warm(videoFec);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            stopRequested = true;
            try {
                finished.await(5, TimeUnit.SECONDS); // so the result line is out before the JVM goes
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try (StreamingTestClient stream = StreamingTestClient.connect(options.host().host(), sessionUrl, keys, offer,
                videoFec, new Rs8AudioService(), VideoLossSetting.none())) {
            out.println("Streaming \"" + options.app() + "\" from " + options.host() + " at " + options.mode() + ", "
                    + options.bitrateKbps() + " kbit/s, " + options.codec() + ", fec " + options.fec().scheme
                    + (options.seconds() > 0 ? " for " + (long) options.seconds() + " s" : " until interrupted"));
            stats.begin(); // -seconds is time streaming, from the streams connected on
            boolean silent = takeFrames(stream, decoder, stats);
            out.println(stats.resultLine(stream.video().stats(), stream.video().socketDrops(),
                    stream.audio().stats(), stream.idrRequestsForLoss()));
            out.flush();
            if (silent) {
                err.println("lumen-client: no video for " + SILENCE_LIMIT_NANOS / 1_000_000_000 + " s: the stream"
                        + " ended at the host");
                return LumenClient.FAILED;
            }
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the result is out
            }
            if (options.quitAfter()) {
                client.cancel();
            }
        }
    }

    /** Takes frames until the time is up or the user stops; true when the host went silent. */
    private boolean takeFrames(StreamingTestClient stream, PictureDecoder decoder, StreamStats stats)
            throws InterruptedException {
        long end = options.seconds() > 0 ? System.nanoTime() + (long) (options.seconds() * 1e9) : Long.MAX_VALUE;
        long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!stopRequested && System.nanoTime() < end) {
            long wait = Math.min(Math.min(100_000_000L, end - System.nanoTime()), nextReport - System.nanoTime());
            ReceivedFrame frame = stream.video().next(Duration.ofNanos(Math.max(1, wait)));
            if (frame != null) {
                stats.frameReceived(frame);
                if (decoder != null) {
                    decoder.decode(frame);
                }
            } else if (stats.nanosSinceLastFrame() > SILENCE_LIMIT_NANOS) {
                return true;
            }
            if (System.nanoTime() >= nextReport) {
                out.println(stats.liveLine(stream.video().stats(), stream.audio().stats()));
                out.flush();
                nextReport += TimeUnit.SECONDS.toNanos(1);
            }
        }
        return false;
    }

    /** The id of the app named in the options, or -1 after saying which apps there are. */
    private int appId() throws IOException, InterruptedException {
        List<String> apps = client.apps();
        for (String app : apps) {
            int equals = app.indexOf('=');
            if (app.substring(equals + 1).equalsIgnoreCase(options.app())) {
                return Integer.parseInt(app.substring(0, equals));
            }
        }
        err.println("lumen-client: " + options.host() + " has no app \"" + options.app() + "\"; its apps: "
                + apps.stream().map(a -> a.substring(a.indexOf('=') + 1)).toList());
        return -1;
    }

    /** Launches the app, or resumes it when it already runs; the RTSP session URL, or null after saying why not. */
    private String start(int appId, LaunchKeys keys) throws IOException, InterruptedException {
        Reply info = client.https("/serverinfo", "");
        int running = parseInt(info.field("currentgame"));
        Reply started;
        if (running == 0) {
            started = client.launch(appId, options.mode(), keys);
        } else if (running == appId) {
            started = client.resume(options.mode(), keys);
        } else {
            err.println("lumen-client: another app (id " + running + ") runs on " + options.host()
                    + ": quit it first (lumen-client quit " + options.host().host() + ")");
            return null;
        }
        String session = running == 0 ? started.field("gamesession") : started.field("resume");
        String url = started.field("sessionUrl0");
        if (started.status() != 200 || parseInt(session) == 0 || url == null) {
            err.println("lumen-client: the host did not " + (running == 0 ? "launch" : "resume") + " \""
                    + options.app() + "\": " + started);
            return null;
        }
        return url;
    }

    private static int parseInt(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
