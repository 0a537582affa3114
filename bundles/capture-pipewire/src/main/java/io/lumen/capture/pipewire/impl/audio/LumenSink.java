package io.lumen.capture.pipewire.impl.audio;

import io.lumen.api.audio.AudioFormat;
import io.lumen.capture.pipewire.impl.ffm.PipeWireException;
import io.lumen.capture.pipewire.impl.ffm.PwConnection;
import io.lumen.capture.pipewire.impl.ffm.PwCreatedNode;
import io.lumen.capture.pipewire.impl.ffm.PwMetadata;
import io.lumen.capture.pipewire.impl.ffm.PwRegistry;
import io.lumen.capture.pipewire.impl.spa.AudioFormatParams;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The virtual sink apps play into while a client streams: a {@code support.null-audio-sink} adapter node that
 * belongs to lumen's connection (no {@code object.linger}), so it goes when that connection goes, killed host
 * included.
 * <p>
 * How it becomes the default output (WirePlumber 0.4.13, modules/module-default-nodes.c): WirePlumber reads only
 * {@code default.configured.audio.sink} (the user's choice, which it saves to its state file with the 16 choices
 * before it) and itself writes {@code default.audio.sink}, the node it picks, which is what its policy and
 * pipewire-pulse follow. It picks the node with the highest score: {@code priority.session}, plus 20000 × 17 for
 * the configured node and up to 20000 × 16 for earlier choices. So lumen writes neither key: the sink carries a
 * {@code priority.session} above any score a user's choice can reach, WirePlumber makes it the default while it
 * exists and puts the previous default back the moment it goes, and nothing about lumen is ever persisted.
 * Writing {@code default.configured.audio.sink} would be saved and outlive a killed host; writing
 * {@code default.audio.sink} is not read back by WirePlumber and would be left naming a sink that is gone.
 */
final class LumenSink {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire.audio");
    static final String NODE_NAME = "lumen";
    static final String DEFAULT_SINK = "default.audio.sink";
    static final String CONFIGURED_SINK = "default.configured.audio.sink";
    /** Above WirePlumber 0.4.13's best score for a user's choice: 20000 × 17, plus 10000 for echo-cancel. */
    static final int PRIORITY = 1_000_000;
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private LumenSink() {
    }

    /** The node name in a default key's JSON value ({@code { "name": "lumen" }}). */
    static Optional<String> nameIn(Optional<String> json) {
        return json.flatMap(value -> {
            Matcher matcher = NAME.matcher(value);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        });
    }

    /** The properties of lumen's sink for {@code format}, described as streaming to {@code client}. */
    static Map<String, String> properties(AudioFormat format, String client) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("factory.name", "support.null-audio-sink");
        properties.put("node.name", NODE_NAME);
        properties.put("node.description", client == null || client.isBlank() ? "lumen (streaming)"
                : "lumen (streaming to " + client + ")");
        properties.put("media.class", "Audio/Sink");
        properties.put("audio.rate", Integer.toString(AudioFormat.SAMPLE_RATE));
        properties.put("audio.channels", Integer.toString(format.channels()));
        properties.put("audio.position", AudioFormatParams.positionProperty(format));
        properties.put("priority.session", Integer.toString(PRIORITY));
        // its monitor carries what apps play, at the sink's own volume: the client's volume is the client's
        properties.put("monitor.channel-volumes", "false");
        return properties;
    }

    /**
     * Removes what a killed older host may have left: {@code lumen} sinks made to linger (they have no owning
     * client, {@code client.id}; a sink with one belongs to a live connection and goes with it), and a configured
     * default naming {@code lumen}, which WirePlumber would otherwise keep choosing and saving. Returns what it
     * removed, for the log.
     */
    static List<String> removeStale(PwConnection connection, PwRegistry registry, PwMetadata defaults,
                                    Duration timeout) throws PipeWireException {
        List<String> removed = new java.util.ArrayList<>();
        for (PwRegistry.Global node : registry.globals(PwRegistry.NODE)) {
            if (NODE_NAME.equals(node.property("node.name")) && node.property("client.id") == null) {
                registry.destroy(node.id());
                removed.add("the lingering sink " + node.id());
            }
        }
        if (defaults != null && nameIn(defaults.get(CONFIGURED_SINK)).filter(NODE_NAME::equals).isPresent()) {
            defaults.set(CONFIGURED_SINK, null, null);
            removed.add(CONFIGURED_SINK + " naming " + NODE_NAME);
        }
        if (!removed.isEmpty()) {
            connection.roundtrip(timeout);
            LOG.log(System.Logger.Level.INFO, "pipewire audio: removed what a killed host left: "
                    + String.join(", ", removed));
        }
        return removed;
    }

    /** Creates the sink; it has its global id when this returns, and WirePlumber gives it ports soon after. */
    static PwCreatedNode create(PwConnection connection, AudioFormat format, String client, Duration timeout)
            throws PipeWireException {
        return PwCreatedNode.create(connection, "adapter", properties(format, client), timeout);
    }
}
