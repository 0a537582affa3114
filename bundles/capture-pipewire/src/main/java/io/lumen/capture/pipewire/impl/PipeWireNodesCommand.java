package io.lumen.capture.pipewire.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.capture.pipewire.PipeWireNode;
import io.lumen.capture.pipewire.PipeWireStreams;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Optional;

/**
 * {@code lumen:pw-nodes}: the video nodes of the daemon the capture connects to, each with what
 * {@code lumen:capture pipewire <node>} takes. A Gogo Function, because a method cannot be named "pw-nodes".
 */
@Component(service = Function.class, property = {"osgi.command.scope=lumen", "osgi.command.function=pw-nodes"})
public final class PipeWireNodesCommand implements Function {

    @Reference
    private PipeWireStreams streams;

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws BackendException {
        if (!arguments.isEmpty()) {
            throw new IllegalArgumentException("lumen:pw-nodes takes no arguments: it lists the video nodes of "
                    + streams.configuredDaemon());
        }
        return render(streams.nodes(Optional.empty()), streams.configuredDaemon());
    }

    static String render(List<PipeWireNode> nodes, String daemon) {
        if (nodes.isEmpty()) {
            return "no video nodes on " + daemon + "\n";
        }
        StringBuilder out = new StringBuilder(String.format("%-6s %-36s %-24s %s%n", "id", "name", "media class",
                "description"));
        for (PipeWireNode node : nodes) {
            out.append(String.format("%-6d %-36s %-24s %s%n", node.id(), node.name(), node.mediaClass(),
                    node.description()));
            for (String format : node.formats()) {
                out.append("         offers ").append(format).append('\n');
            }
        }
        return out.append("capture one with: lumen:capture pipewire <id or name>\n").toString();
    }
}
