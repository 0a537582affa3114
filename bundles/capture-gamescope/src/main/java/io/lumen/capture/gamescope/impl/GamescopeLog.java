package io.lumen.capture.gamescope.impl;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What gamescope's output says: the PipeWire node it advertises, and why it failed when it did.
 * <p>
 * Two line formats exist. 3.11-era builds print {@code "<scope>: <text>"} ("pipewire: stream available on node ID:
 * 42"); newer ones print {@code "[gamescope] [Info]  pipewire: <text>"} with the priority and scope wrapped in ANSI
 * colour escapes. Both end in the text of gamescope's format string, which is all this matches on.
 * <p>
 * The advertised id is authoritative: gamescope's {@code node.name} ("gamescope") is carried by two objects of the
 * graph, and only the advertised one is its stream. Not thread-safe: one reader thread feeds it.
 */
final class GamescopeLog {

    /** gamescope's pipewire.cpp: {@code pwr_log.infof("stream available on node ID: %u", ...)}. */
    private static final Pattern NODE_LINE = Pattern.compile("stream available on node ID: (\\d+)");
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\\e\\[[0-9;]*m");
    private static final int KEPT_LINES = 12;

    /** A failure gamescope reports in its own words, and what it means for a lumen operator. */
    private record KnownFailure(Pattern line, String meaning) {
    }

    private static final List<KnownFailure> KNOWN_FAILURES = List.of(
            new KnownFailure(Pattern.compile("physical device does not support DRM format modifiers"),
                    "the Vulkan driver lacks DRM format modifiers (VK_EXT_image_drm_format_modifier), which gamescope"
                            + " requires: a software renderer (lavapipe) or a GPU without them cannot run it"),
            new KnownFailure(Pattern.compile("doesn't support VK_EXT_physical_device_drm"),
                    "the Vulkan driver lacks VK_EXT_physical_device_drm, which gamescope requires"),
            new KnownFailure(Pattern.compile("Failed to initialize Vulkan"),
                    "gamescope could not initialise Vulkan (no usable GPU driver)"),
            new KnownFailure(Pattern.compile("vkCreateDevice failed"),
                    "gamescope could not create its Vulkan device"),
            new KnownFailure(Pattern.compile("Failed to initialize PipeWire|pw_stream_connect failed"
                            + "|pw_context_connect failed"),
                    "gamescope could not reach the PipeWire daemon (is one running for its XDG_RUNTIME_DIR?)"),
            new KnownFailure(Pattern.compile("Failed to open display|Couldn't open X11 display"
                            + "|Failed to initialize SDL"),
                    "gamescope found no display for its nested window (newer versions run with --headless)"),
            new KnownFailure(Pattern.compile("Failed to create DRM backend|drmModeGetResources failed"
                            + "|Failed to open device"),
                    "gamescope could not open a DRM device (no /dev/dri here, or no permission)"));

    private final ArrayDeque<String> lastLines = new ArrayDeque<>();
    private OptionalInt advertisedNode = OptionalInt.empty();
    private String failure;

    /** The node id a single line advertises, if it is gamescope's node line. */
    static OptionalInt nodeIn(String line) {
        Matcher m = NODE_LINE.matcher(plain(line));
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** What a single line means when it is one of gamescope's known failures, with its own words appended. */
    static Optional<String> failureIn(String line) {
        String text = plain(line).strip();
        for (KnownFailure known : KNOWN_FAILURES) {
            if (known.line().matcher(text).find()) {
                return Optional.of(known.meaning() + " (gamescope: \"" + text + "\")");
            }
        }
        return Optional.empty();
    }

    /** The line without colour escapes, as an operator would read it. */
    static String plain(String line) {
        return ANSI_ESCAPE.matcher(line).replaceAll("");
    }

    /** Takes one output line; returns the node id when this line advertised it. */
    OptionalInt accept(String line) {
        String text = plain(line);
        if (lastLines.size() == KEPT_LINES) {
            lastLines.removeFirst();
        }
        lastLines.addLast(text);
        OptionalInt node = nodeIn(text);
        if (node.isPresent() && advertisedNode.isEmpty()) {
            advertisedNode = node;
        }
        if (failure == null) {
            failure = failureIn(text).orElse(null);
        }
        return node;
    }

    OptionalInt advertisedNode() {
        return advertisedNode;
    }

    /** The first known failure seen, the clearest reason there is. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Why gamescope stopped or never advertised, as well as its output tells: a known failure, else its last lines. */
    String reason() {
        if (failure != null) {
            return failure;
        }
        if (lastLines.isEmpty()) {
            return "it printed nothing";
        }
        return "its last output: " + String.join(" | ", lastLines);
    }
}
