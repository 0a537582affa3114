package io.lumen.capture.pipewire.impl;

import io.lumen.capture.pipewire.impl.ffm.NodeDirectory;
import io.lumen.capture.pipewire.impl.ffm.PipeWireException;
import io.lumen.capture.pipewire.impl.ffm.PwConnection;
import io.lumen.capture.pipewire.impl.ffm.VideoNode;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * {@code lumen:pw-nodes}: the video nodes of the daemon the capture connects to, each with what
 * {@code lumen:capture pipewire <node>} takes. A Gogo Function, because a method cannot be named "pw-nodes".
 */
@Component(service = Function.class, property = {"osgi.command.scope=lumen", "osgi.command.function=pw-nodes"})
public final class PipeWireNodesCommand implements Function {

    @Reference
    private PipeWireCaptureBackend backend;

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws PipeWireException {
        if (!arguments.isEmpty()) {
            throw new IllegalArgumentException("lumen:pw-nodes takes no arguments: it lists the video nodes of "
                    + backend.remote());
        }
        return render(list(backend), backend);
    }

    static List<VideoNode> list(PipeWireCaptureBackend backend) throws PipeWireException {
        try (PwConnection connection = PwConnection.open(backend.pipeWire(), backend.remote());
             NodeDirectory directory = NodeDirectory.open(connection, new NodeDirectory.Listener() { }, Duration.ofSeconds(3))) {
            return directory.list().stream().sorted(Comparator.comparingInt(VideoNode::id)).toList();
        }
    }

    static String render(List<VideoNode> nodes, PipeWireCaptureBackend backend) {
        if (nodes.isEmpty()) {
            return "no video nodes on " + backend.remote() + "\n";
        }
        StringBuilder out = new StringBuilder(String.format("%-6s %-36s %-24s %s%n", "id", "name", "media class",
                "description"));
        for (VideoNode node : nodes) {
            out.append(String.format("%-6d %-36s %-24s %s%n", node.id(), node.name(), node.mediaClass(),
                    node.description() == null ? "" : node.description()));
        }
        return out.append("capture one with: lumen:capture pipewire <id or name>\n").toString();
    }
}
