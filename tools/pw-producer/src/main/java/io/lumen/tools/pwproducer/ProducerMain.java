package io.lumen.tools.pwproducer;

import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link PatternProducer} as a process of its own:
 * {@code --remote <socket> --name <node> --size 1920x1080 --fps 60 --buffers memfd|memptr --seconds N}
 * ({@code --seconds 0}, the default, runs until killed). Prints {@value #READY} with the node id once the node is
 * in the graph, and at the end (the time is up, SIGTERM, or the producer ended) {@value #COUNTS} with its counts.
 */
public final class ProducerMain {

    static final String READY = "ready";
    static final String COUNTS = "counts";

    private ProducerMain() {
    }

    record Options(PwRemote remote, String name, VideoMode mode, BufferMemory memory, long seconds) {

        static Options parse(String[] args) {
            PwRemote remote = PwRemote.sessionDefault();
            String name = "lumen-pattern";
            String size = "1920x1080";
            int fps = 60;
            BufferMemory memory = BufferMemory.MEMFD;
            long seconds = 0;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--remote" -> remote = PwRemote.socket(Path.of(value));
                    case "--name" -> name = value;
                    case "--size" -> size = value;
                    case "--fps" -> fps = Integer.parseInt(value);
                    case "--buffers" -> memory = BufferMemory.parse(value);
                    case "--seconds" -> seconds = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (want --remote, --name, --size, --fps, --buffers, --seconds)");
                }
                i++;
            }
            return new Options(remote, name, VideoMode.parse(size + "@" + fps), memory, seconds);
        }

        /** The arguments that give these options back. */
        String[] toArgs() {
            return new String[] {"--remote", remote.socket(), "--name", name, "--size", mode.width() + "x" + mode.height(),
                    "--fps", Integer.toString(mode.fps()), "--buffers", memory.toString(), "--seconds",
                    Long.toString(seconds)};
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("pw-producer: " + e.getMessage());
            System.exit(2);
            return;
        }
        PatternProducer producer = new PatternProducer(PipeWire.system(), options.remote(), options.name(),
                options.mode(), options.memory());
        AtomicBoolean reported = new AtomicBoolean();
        Runnable finish = () -> {
            try {
                producer.close();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
            if (reported.compareAndSet(false, true)) {
                PatternProducer.Counts counts = producer.counts();
                System.out.println(COUNTS + " produced=" + counts.produced() + " unavailable="
                        + counts.buffersUnavailable() + " late=" + counts.lateTicks() + " ended="
                        + producer.ended().getNow("no"));
                System.out.flush();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(finish, "pattern-producer-exit"));
        int id = producer.awaitInGraph(Duration.ofSeconds(10));
        System.out.println(READY + " node=" + options.name() + " id=" + id + " mode=" + options.mode() + " buffers="
                + options.memory() + " pid=" + ProcessHandle.current().pid());
        System.out.flush();
        try {
            if (options.seconds() > 0) {
                producer.ended().get(options.seconds(), TimeUnit.SECONDS);
            } else {
                producer.ended().get();
            }
        } catch (TimeoutException timeIsUp) {
            // the normal end of a timed run
        }
        finish.run();
    }
}
