package io.lumen.testkit.pipewire;

import io.lumen.testkit.Poll;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PipeWire command-line tools against a test's private daemon: what a user (pw-cli, pw-metadata) or an app
 * (pw-play) would do, and what the graph looks like from outside lumen.
 */
public final class AudioGraph implements AutoCloseable {

    private static final Pattern DEFAULT_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");
    private final Map<String, String> environment;
    private final List<Process> players = new ArrayList<>();

    public AudioGraph(PipeWireDaemon daemon) {
        this(daemon.clientEnvironment());
    }

    /** The tools against the daemon whose socket is {@code socket}. */
    public AudioGraph(Path socket) {
        this(PipeWireDaemon.clientEnvironment(socket.getParent()));
    }

    private AudioGraph(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Runs a tool to its end and returns its output; fails on a non-zero exit. */
    public String run(String... command) throws IOException, InterruptedException {
        Process process = builder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private ProcessBuilder builder(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PIPEWIRE_REMOTE");
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        builder.environment().putAll(environment);
        return builder;
    }

    /** A lingering null sink, as a real output stands in the tests (or as a killed older lumen left its own). */
    public void createNullSink(String name, String positions) throws IOException, InterruptedException {
        run("pw-cli", "create-node", "adapter", "{ factory.name=support.null-audio-sink node.name=" + name
                + " media.class=Audio/Sink audio.position=[ " + positions + " ] object.linger=1 }");
    }

    /** The node name a default key of the "default" metadata names, if it is set. */
    public Optional<String> defaultNamed(String key) throws IOException, InterruptedException {
        for (String line : run("pw-metadata", "-n", "default").split("\n")) {
            if (line.contains("key:'" + key + "'")) {
                Matcher matcher = DEFAULT_NAME.matcher(line);
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
        }
        return Optional.empty();
    }

    public void setMetadata(String key, String json) throws IOException, InterruptedException {
        run("pw-metadata", "-n", "default", "0", key, json, "Spa:String:JSON");
    }

    /** The ids of the nodes called {@code name}. */
    public List<Integer> nodeIds(String name) throws IOException {
        return nodes(name, "id (\\d+)");
    }

    /** The object serials of the nodes called {@code name}: unlike ids, never reused for a later object. */
    public List<Integer> nodeSerials(String name) throws IOException {
        return nodes(name, "object.serial = \"(\\d+)\"");
    }

    private List<Integer> nodes(String name, String number) throws IOException {
        List<Integer> found = new ArrayList<>();
        for (String object : list("Node").split("\n(?=\\s*id \\d+)")) {
            Matcher matcher = Pattern.compile(number).matcher(object);
            if (object.contains("node.name = \"" + name + "\"") && matcher.find()) {
                found.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return found;
    }

    /** The channel names of node {@code nodeId}'s input ports ("FL", "FR", ...) by port id, from their names. */
    public List<String> inputChannels(int nodeId) throws IOException {
        java.util.TreeMap<Integer, String> channels = new java.util.TreeMap<>();
        for (String object : list("Port").split("\n(?=\\s*id \\d+)")) {
            Matcher name = Pattern.compile("port.name = \"playback_(\\w+)\"").matcher(object);
            Matcher portId = Pattern.compile("port.id = \"(\\d+)\"").matcher(object);
            if (object.contains("node.id = \"" + nodeId + "\"") && object.contains("port.direction = \"in\"")
                    && name.find() && portId.find()) {
                channels.put(Integer.parseInt(portId.group(1)), name.group(1));
            }
        }
        return List.copyOf(channels.values());
    }

    /**
     * Plays {@code seconds} of a tone per channel (frequency {@code hz[c]} on channel {@code c}, layout
     * {@code channelMap}) into the default sink, as an app does, from a WAV made here.
     */
    public void play(Path dir, String channelMap, int[] hz, int seconds) throws IOException {
        Path wav = dir.resolve("tones-" + hz.length + ".wav");
        writeWav(wav, hz, seconds);
        Process player = builder("pw-play", "--channels", Integer.toString(hz.length), "--channel-map", channelMap,
                wav.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("pw-play.log").toFile()).start();
        players.add(player);
    }

    private static void writeWav(Path file, int[] hz, int seconds) throws IOException {
        int channels = hz.length;
        int frames = 48_000 * seconds;
        ByteBuffer pcm = ByteBuffer.allocate(frames * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                pcm.putShort((short) Math.round(0.3 * 32767 * Math.sin(2 * Math.PI * hz[c] * i / 48_000.0)));
            }
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + pcm.capacity()).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(48_000)
                .putInt(48_000 * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        header.put("data".getBytes()).putInt(pcm.capacity());
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(header.array());
            out.write(pcm.array());
        }
    }

    /** {@code pw-cli ls TYPE} ("Node", "Port") as text. */
    private String list(String type) throws IOException {
        try {
            return run("pw-cli", "ls", type);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Polls {@code condition} every 50 ms until it holds; false after {@code timeout}. */
    public static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        boolean held = Poll.every(Duration.ofMillis(50)).holdsWithin(timeout, condition);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return held;
    }

    /** Ends every player started so far. */
    public void stopPlaying() {
        players.forEach(Process::destroyForcibly);
        players.clear();
    }

    @Override
    public void close() {
        stopPlaying();
    }
}
