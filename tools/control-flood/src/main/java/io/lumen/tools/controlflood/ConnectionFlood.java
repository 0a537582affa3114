package io.lumen.tools.controlflood;

import io.lumen.api.input.InputKind;
import io.lumen.protocol.moonlight.impl.net.TcpListener;
import io.lumen.testkit.input.RecordingInput;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.StreamingTestClient;
import io.netty.util.internal.PlatformDependent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * {@code run connections}: a host streams to the test client on loopback, the client asks for {@code /serverinfo}
 * and {@code /applist} over HTTPS every half second, while a child process ({@link ConnectionFlooder}) holds idle,
 * slowloris, half-TLS and garbage connections against HTTP, HTTPS, RTSP and the PIN page from 127.0.0.2 and up.
 * Samples the host's heap after GC, file descriptors, threads and each listener's connections before, during and
 * after, against the connection budget.
 */
final class ConnectionFlood {

    private static final long MB = 1 << 20;
    private static final long WINDOW_NANOS = 5_000_000_000L;
    /** The heap a held connection may cost (pipeline, TLS engine, a request line and headers up to their caps). */
    private static final long HEAP_PER_CONNECTION = 64 * 1024;

    private ConnectionFlood() {
    }

    /** One look at the host: heap after a full GC (or -1), descriptors, platform threads, direct memory, listeners. */
    private record Sample(long heap, long fds, int threads, long direct, Map<String, TcpListener.Counts> listeners,
                          long rtspForeign) {
        int held() {
            return listeners.values().stream().mapToInt(TcpListener.Counts::open).sum();
        }
    }

    /** The client's HTTPS requests answered and failed, and the slowest, since a window opened. */
    private static final class Requests {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong slowestNanos = new AtomicLong();
    }

    static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int perAddress = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int lastOctet = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        long pauseMillis = args.length > 3 ? Long.parseLong(args[3]) : 1_000;
        List<String> journal = Collections.synchronizedList(new ArrayList<>());
        RecordingInput input = new RecordingInput("input", EnumSet.allOf(InputKind.class), journal);
        Path dir = Files.createTempDirectory("connection-flood");
        try (InProcessHost host = new InProcessHost(dir, input)) {
            MoonlightTestClient client = host.pairedClient();
            try (StreamingTestClient stream = host.stream(client)) {
                run(host, client, stream, journal, seconds, perAddress, lastOctet, pauseMillis);
            }
        }
    }

    private static void run(InProcessHost host, MoonlightTestClient client, StreamingTestClient stream,
                            List<String> journal, int seconds, int perAddress, int lastOctet, long pauseMillis)
            throws Exception {
        AtomicBoolean on = new AtomicBoolean(true);
        AtomicLong inputsSent = new AtomicLong();
        Thread inputThread = ControlFlood.clientInput(stream, on, inputsSent);
        AtomicReference<Requests> requests = new AtomicReference<>(new Requests());
        Thread httpsThread = Thread.ofPlatform().name("client-https").start(() -> poll(client, on, requests));
        LockSupport.parkNanos(3_000_000_000L);

        ControlFlood.Window before = ControlFlood.Window.open(stream, journal, inputsSent);
        Requests beforeRequests = fresh(requests);
        LockSupport.parkNanos(WINDOW_NANOS);
        Sample quiet = median(host);
        before.close(stream, journal, inputsSent);
        Map<String, Long> threadsBefore = threadNames();

        Process flooder = startFlooder(host, perAddress, lastOctet, pauseMillis);
        AtomicReference<String> flooderStatus = new AtomicReference<>("");
        AtomicReference<String> flooderPeak = new AtomicReference<>("");
        Thread reader = Thread.ofPlatform().name("flooder-status").start(() -> follow(flooder, flooderStatus, flooderPeak));
        ControlFlood.Window during = ControlFlood.Window.open(stream, journal, inputsSent);
        Requests duringRequests = fresh(requests);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Sample peak = sample(host, true);
        for (int tick = 1; System.nanoTime() < end; tick++) {
            LockSupport.parkNanos(2_000_000_000L);
            peak = max(peak, sample(host, tick % 5 == 0));
        }
        peak = max(peak, sample(host, true));
        during.close(stream, journal, inputsSent);
        String lastStatus = flooderStatus.get();

        flooder.getOutputStream().close();
        boolean flooderDone = flooder.waitFor(30, TimeUnit.SECONDS);
        reader.join(5_000);
        long settleStart = System.nanoTime();
        boolean settled = waitUntil(() -> host.connections().values().stream()
                .mapToInt(TcpListener.Counts::open).sum() <= quiet.held(), 45_000);
        double settleSeconds = (System.nanoTime() - settleStart) / 1e9;
        ControlFlood.Window after = ControlFlood.Window.open(stream, journal, inputsSent);
        Requests afterRequests = fresh(requests);
        LockSupport.parkNanos(WINDOW_NANOS);
        Sample later = median(host);
        after.close(stream, journal, inputsSent);
        Map<String, Long> threadsAfter = threadNames();
        String fresh = plainRequest(InetAddress.getByName("127.0.0.2"), host.host.httpPort(), "/serverinfo");
        String freshPage = plainRequest(InetAddress.getByName("127.0.0.2"), host.host.webPort(), "/");
        on.set(false);
        inputThread.join();
        httpsThread.join();

        int listeners = quiet.listeners().size();
        TcpListener.Limits limits = TcpListener.Limits.DEFAULT;
        long heldBudget = (long) listeners * limits.perListener();
        long heapBudget = heldBudget * HEAP_PER_CONNECTION;
        int addresses = lastOctet - 1;
        System.out.printf(Locale.ROOT, "connection flood: %d s from 127.0.0.2..127.0.0.%d (%d addresses) x %d connections"
                        + " per address and listener (idle, slowloris or half-TLS, garbage) on %s, %d ms pause"
                        + " before reconnecting; flooder exited: %s%n", seconds, lastOctet, addresses, perAddress,
                quiet.listeners().keySet(), pauseMillis, flooderDone);
        System.out.println("flooder (child process), last status during: " + lastStatus);
        System.out.println("flooder, most held:                          " + flooderPeak.get());
        System.out.printf(Locale.ROOT, "budget: connections held <= %d listeners x %d = %d (%d per address);"
                        + " heap growth <= %d x %d KiB = %d MiB; descriptors growth <= %d; threads growth 0%n",
                listeners, limits.perListener(), heldBudget, limits.perAddress(), heldBudget,
                HEAP_PER_CONNECTION / 1024, heapBudget / MB, heldBudget);
        for (String name : quiet.listeners().keySet()) {
            TcpListener.Counts a = quiet.listeners().get(name);
            TcpListener.Counts p = peak.listeners().get(name);
            TcpListener.Counts z = later.listeners().get(name);
            System.out.printf(Locale.ROOT, "  %-8s open before %d, most during %d (%.2f x %d), after %d; refused %d,"
                            + " evicted %d during the flood%n", name, a.open(), p.open(),
                    p.open() / (double) limits.perListener(), limits.perListener(), z.open(),
                    z.refused() - a.refused(), z.evicted() - a.evicted());
        }
        System.out.printf(Locale.ROOT, "  rtsp closed %d connections from addresses other than the launch's on arrival%n",
                later.rtspForeign() - quiet.rtspForeign());
        System.out.printf(Locale.ROOT, "connections held: before %d, most during %d = %.2f x budget, after %d"
                        + " (back to before in %.1f s: %s)%n", quiet.held(), peak.held(),
                peak.held() / (double) heldBudget, later.held(), settleSeconds, settled);
        System.out.printf(Locale.ROOT, "host descriptors (/proc/self/fd of the host's JVM, the test client's sockets"
                        + " included, the flooder's not): before %d, most during %d (%+d = %.2f x budget), after %d (%+d)%n",
                quiet.fds(), peak.fds(), peak.fds() - quiet.fds(), (peak.fds() - quiet.fds()) / (double) heldBudget,
                later.fds(), later.fds() - quiet.fds());
        System.out.printf(Locale.ROOT, "host platform threads: before %d, most during %d (%+d), after %d (%+d);"
                        + " by name, after less before: %s%n", quiet.threads(), peak.threads(),
                peak.threads() - quiet.threads(), later.threads(), later.threads() - quiet.threads(),
                difference(threadsAfter, threadsBefore));
        System.out.printf(Locale.ROOT, "heap after GC: before %.1f MB, most during %.1f MB (%+.1f MB = %.3f x budget),"
                        + " after %.1f MB (%+.1f MB = %.3f x budget)%n", quiet.heap() / (double) MB,
                peak.heap() / (double) MB, (peak.heap() - quiet.heap()) / (double) MB,
                (peak.heap() - quiet.heap()) / (double) heapBudget, later.heap() / (double) MB,
                (later.heap() - quiet.heap()) / (double) MB, (later.heap() - quiet.heap()) / (double) heapBudget);
        System.out.printf(Locale.ROOT, "direct memory (JDK pool + Netty's own): before %.1f MB, most during %.1f MB,"
                + " after %.1f MB%n", quiet.direct() / (double) MB, peak.direct() / (double) MB, later.direct() / (double) MB);
        System.out.println("client, before: " + before + ", " + describe(beforeRequests));
        System.out.println("client, during: " + during + (before.framesPerSecond() > 0 ? String.format(Locale.ROOT,
                " (video %.2f x before)", during.framesPerSecond() / before.framesPerSecond()) : "") + ", "
                + describe(duringRequests));
        System.out.println("client, after:  " + after + ", " + describe(afterRequests));
        System.out.println("after the flood, 127.0.0.2 (a flooding address) asks again: http " + fresh
                + ", pin page " + freshPage);
    }

    private static Process startFlooder(InProcessHost host, int perAddress, int lastOctet, long pauseMillis)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ConnectionFlooder.class.getName(), "127.0.0.1",
                "http=" + host.host.httpPort(), "https=" + host.host.httpsPort(), "rtsp=" + host.host.rtspPort()));
        if (host.host.webPort() > 0) {
            command.add("pin page=" + host.host.webPort());
        }
        command.addAll(List.of("2", String.valueOf(lastOctet), String.valueOf(perAddress), String.valueOf(pauseMillis)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Keeps the flooder's newest status line and the one with the most connections held. */
    private static void follow(Process flooder, AtomicReference<String> last, AtomicReference<String> most) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(flooder.getInputStream(),
                StandardCharsets.UTF_8))) {
            long mostHeld = -1;
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.startsWith("status")) {
                    continue;
                }
                last.set(line.substring(7));
                long held = Long.parseLong(line.replaceAll(".* held=(\\d+).*", "$1"));
                if (held > mostHeld) {
                    mostHeld = held;
                    most.set(line.substring(7));
                }
            }
        } catch (IOException e) {
            last.set("unreadable: " + e);
        }
    }

    /** The real client's HTTPS traffic: /serverinfo and /applist every half second, each one counted. */
    private static void poll(MoonlightTestClient client, AtomicBoolean on, AtomicReference<Requests> window) {
        while (on.get()) {
            for (String path : List.of("/serverinfo", "/applist")) {
                Requests counts = window.get();
                long start = System.nanoTime();
                try {
                    boolean ok = client.https(path, "").status() == 200;
                    (ok ? counts.ok : counts.failed).incrementAndGet();
                } catch (IOException e) {
                    counts.failed.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                counts.slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
            }
            LockSupport.parkNanos(500_000_000L);
        }
    }

    private static Requests fresh(AtomicReference<Requests> window) {
        Requests next = new Requests();
        window.set(next);
        return next;
    }

    private static String describe(Requests requests) {
        return String.format(Locale.ROOT, "https /serverinfo+/applist %d answered, %d failed, slowest %.2f s",
                requests.ok.get(), requests.failed.get(), requests.slowestNanos.get() / 1e9);
    }

    /** A plain GET of {@code path} from {@code source}: the status line, or what went wrong. */
    private static String plainRequest(InetAddress source, int port, String path) {
        if (port <= 0) {
            return "(off)";
        }
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readNBytes(15), StandardCharsets.US_ASCII);
            return reply.isEmpty() ? "closed unanswered" : "answered \"" + reply + "\"";
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        }
    }

    /** Live platform threads by name, digits dropped, so pools of one kind count together. */
    private static Map<String, Long> threadNames() {
        Map<String, Long> names = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.merge(thread.getName().replaceAll("\\d+", "#"), 1L, Long::sum);
        }
        return names;
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> change = new TreeMap<>();
        for (String name : after.keySet()) {
            change.put(name, after.get(name) - before.getOrDefault(name, 0L));
        }
        for (String name : before.keySet()) {
            change.putIfAbsent(name, -before.get(name));
        }
        change.values().removeIf(n -> n == 0);
        return change;
    }

    private static boolean waitUntil(BooleanSupplier condition, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(100_000_000L);
        }
        return true;
    }

    private static Sample median(InProcessHost host) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            samples.add(sample(host, true));
        }
        samples.sort((a, b) -> Long.compare(a.heap(), b.heap()));
        return samples.get(1);
    }

    private static Sample max(Sample a, Sample b) {
        Map<String, TcpListener.Counts> listeners = new LinkedHashMap<>();
        for (String name : a.listeners().keySet()) {
            TcpListener.Counts x = a.listeners().get(name);
            TcpListener.Counts y = b.listeners().get(name);
            listeners.put(name, new TcpListener.Counts(Math.max(x.open(), y.open()), Math.max(x.refused(), y.refused()),
                    Math.max(x.evicted(), y.evicted())));
        }
        return new Sample(Math.max(a.heap(), b.heap()), Math.max(a.fds(), b.fds()), Math.max(a.threads(), b.threads()),
                Math.max(a.direct(), b.direct()), listeners, Math.max(a.rtspForeign(), b.rtspForeign()));
    }

    private static Sample sample(InProcessHost host, boolean gc) {
        long heap = -1;
        if (gc) {
            System.gc();
            heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        long direct = Math.max(0, PlatformDependent.usedDirectMemory());
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct += pool.getMemoryUsed();
            }
        }
        return new Sample(heap, fds(), ManagementFactory.getThreadMXBean().getThreadCount(), direct,
                host.connections(), host.host.rtspStats().foreignClient());
    }

    private static long fds() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
