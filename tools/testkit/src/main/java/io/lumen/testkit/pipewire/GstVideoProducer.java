package io.lumen.testkit.pipewire;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A live {@code videotestsrc} published as a PipeWire {@code Video/Source} node through {@code pipewiresink
 * mode=provide}. In that mode the producer stops delivering once its consumers reconnect, so each test starts its
 * own. {@link #start} returns when the daemon lists the node.
 */
public final class GstVideoProducer implements AutoCloseable {

    private final String nodeName;
    private final Path log;
    private Process process;

    private GstVideoProducer(String nodeName, Path log, Process process) {
        this.nodeName = nodeName;
        this.log = log;
        this.process = process;
    }

    /** BGRx {@code width}x{@code height} at {@code fps}, with videotestsrc's {@code pattern} ("smpte", "ball"). */
    public static GstVideoProducer start(PipeWireDaemon daemon, String nodeName, int width, int height, int fps,
                                         String pattern) throws IOException {
        List<String> command = List.of("gst-launch-1.0", "-q",
                "videotestsrc", "is-live=true", "pattern=" + pattern, "!",
                "video/x-raw,format=BGRx,width=" + width + ",height=" + height + ",framerate=" + fps + "/1", "!",
                "pipewiresink", "mode=provide",
                "stream-properties=p,media.class=Video/Source,node.name=" + nodeName
                        + ",node.description=lumen-test-producer");
        Path log = daemon.runtimeDir().resolve("gst-" + nodeName + ".log");
        GstVideoProducer producer = new GstVideoProducer(nodeName, log, ChildProcesses.start(command,
                daemon.clientEnvironment(), log));
        String listed = "node.name = \"" + nodeName + "\"";
        boolean appeared;
        try {
            appeared = daemon.awaitObjects("Node", text -> text.contains(listed) || !producer.process.isAlive(),
                    Duration.ofSeconds(10)) && producer.process.isAlive();
        } catch (IOException | RuntimeException e) {
            producer.close();
            throw e;
        }
        if (!appeared) {
            String tail = ChildProcesses.tail(log, 20);
            producer.close();
            throw new IOException("the producer's node " + nodeName + " did not appear:\n" + tail);
        }
        return producer;
    }

    public String nodeName() {
        return nodeName;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Ends the producer (its node leaves the graph); what a crash mid-session looks like to consumers. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /**
     * Freezes (SIGSTOP) or thaws (SIGCONT) the producer: a frozen producer keeps its node in the graph but answers
     * nothing, which is what a producer with a deadlocked PipeWire thread looks like to a consumer.
     */
    public void freeze(boolean frozen) throws IOException {
        if (process == null) {
            throw new IllegalStateException("the producer has ended");
        }
        try {
            int exit = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(process.pid()))
                    .inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IOException("kill " + (frozen ? "-STOP" : "-CONT") + " " + process.pid() + " exited " + exit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling the producer", e);
        }
    }

    /** Ends the producer politely (SIGTERM) and waits for it. */
    public void stop() {
        ChildProcesses.endTree(process);
        process = null;
    }

    public String log() {
        return ChildProcesses.tail(log, 40);
    }

    @Override
    public void close() {
        if (process != null) {
            try {
                freeze(false); // a frozen producer would not hear SIGTERM until thawed
            } catch (IOException e) {
                // it has ended already
            }
        }
        stop();
    }
}
