package io.lumen.tools.pwproducer;

import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.media.Codec;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.impl.PipeWireCaptureBackend;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;
import io.lumen.encode.libav.impl.X264Backend;
import io.lumen.testkit.pipewire.PipeWireDaemon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One measurement: a producer process on the daemon, lumen's PipeWire capture of its node in this process, x264
 * behind a latest-frame slot; after the warm-up, a window of the given length. Everything reported is measured
 * between the window's two marks, except the producer's counts, which cover its whole run.
 */
final class CaptureRun {

    /** The names of the capture path's threads: libpipewire's thread loop (lumen's copy runs there), its data loop. */
    static final String LOOP_THREAD = "lumen-pipewire";
    static final String DATA_LOOP_THREAD = "lumen-pw-data";

    /** The encoder's rate: what LibavBench gives 1080p60 too. */
    private static final int KBPS = 20_000;

    record Result(BufferMemory memory, VideoMode mode, long producerPid, Map<String, Object> captureStats,
                  BenchSink.Mark start, BenchSink.Mark end, long encoderTaken, Latencies.Summary toSink,
                  Latencies.Summary toEncoderStart, Latencies.Summary toAccessUnit, long captureCpuNanos,
                  long cpuWallNanos, Map<String, Long> captureCpuByThread, long producerCpuNanos,
                  Map<String, String> producerCounts, String captureEnded, String encoderFailure) {

        double seconds() {
            return (end.nanos() - start.nanos()) / 1e9;
        }

        long delivered() {
            return end.delivered() - start.delivered();
        }

        long produced() {
            return end.producerCounter() - start.producerCounter();
        }
    }

    private final PipeWireDaemon daemon;
    private final VideoMode mode;
    private final BufferMemory memory;
    private final int warmUpSeconds;
    private final int seconds;

    CaptureRun(PipeWireDaemon daemon, VideoMode mode, BufferMemory memory, int warmUpSeconds, int seconds) {
        this.daemon = daemon;
        this.mode = mode;
        this.memory = memory;
        this.warmUpSeconds = warmUpSeconds;
        this.seconds = seconds;
    }

    Result run() throws Exception {
        String node = "lumen-bench-" + memory;
        // a safety net only: the run stops the producer itself once the window closes
        ProducerMain.Options options = new ProducerMain.Options(PwRemote.socket(daemon.socket()), node, mode, memory,
                warmUpSeconds + seconds + 60L);
        try (ProducerProcess producer = ProducerProcess.start(daemon, options,
                daemon.runtimeDir().resolve("producer-" + memory + ".log"))) {
            producer.awaitReady(30);
            PipeWireCaptureBackend backend = new PipeWireCaptureBackend();
            backend.configure(daemon.socket().toString(), "5000", null, false);
            MeasuredWindow window = new MeasuredWindow();
            try (EncoderFeed encoder = EncoderFeed.start(new X264Backend(),
                    new EncoderConfig(Codec.H264, mode, KBPS, 1, false), window)) {
                BenchSink sink = new BenchSink(encoder, window);
                CaptureRequest request = new CaptureRequest(mode, Set.of(PixelFormat.BGRX), 0,
                        Map.of(CaptureRequest.TARGET, node));
                try (CaptureSession capture = openNamingTheDataLoop(backend, request, sink)) {
                    return measure(producer, capture, sink, encoder);
                }
            }
        }
    }

    /**
     * libpipewire's data-loop thread has no name of its own: it inherits the name of the thread that creates the
     * context. Opening the capture on a thread called {@value #DATA_LOOP_THREAD} lets the CPU table tell it apart.
     */
    private static CaptureSession openNamingTheDataLoop(PipeWireCaptureBackend backend, CaptureRequest request,
                                                        BenchSink sink) throws Exception {
        CompletableFuture<CaptureSession> opened = new CompletableFuture<>();
        Thread.ofPlatform().name(DATA_LOOP_THREAD).start(() -> {
            try {
                opened.complete(backend.open(request, sink));
            } catch (Exception | Error e) {
                opened.completeExceptionally(e);
            }
        }).join();
        try {
            return opened.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private Result measure(ProducerProcess producer, CaptureSession capture, BenchSink sink, EncoderFeed encoder)
            throws Exception {
        TimeUnit.SECONDS.sleep(warmUpSeconds);

        var opening = sink.markNext(true);
        CpuSample before = CpuSample.take(producer.pid());
        BenchSink.Mark start = opening.get(5, TimeUnit.SECONDS);

        TimeUnit.SECONDS.sleep(seconds);

        var closing = sink.markNext(false);
        CpuSample after = CpuSample.take(producer.pid());
        BenchSink.Mark end = closing.get(5, TimeUnit.SECONDS);
        // the encoder finishes what it holds before its latencies are read
        TimeUnit.MILLISECONDS.sleep(200);

        Map<String, Object> stats = capture.stats();
        String ended = sink.endedReason().getNow(null);
        Map<String, String> counts = producer.stop();
        return new Result(memory, mode, producer.pid(), stats, start, end, encoder.takenInWindow(), sink.toSink(),
                encoder.toEncoderStart(), encoder.toAccessUnit(), after.process - before.process,
                after.wall - before.wall, ThreadCpu.usedByName(before.threads, after.threads),
                after.producer - before.producer, counts, ended, encoder.failure());
    }

    /** The CPU clocks read at each end of the measured window: this process, its threads, the producer's. */
    private record CpuSample(long process, long wall, Map<Long, ThreadCpu.ThreadTime> threads, long producer) {
        static CpuSample take(long producerPid) throws IOException {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new CpuSample(os.getProcessCpuTime(), System.nanoTime(),
                    ThreadCpu.sample(ProcessHandle.current().pid()), ThreadCpu.processNanos(producerPid));
        }
    }
}
