package io.lumen.capture.pipewire.impl.ffm;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The video-producing nodes of one connection's graph: the registry's node globals whose media class produces
 * video, kept up to date as they come and go. {@link #list()} is a snapshot; the listener hears each change on the
 * loop thread.
 */
public final class NodeDirectory implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire");
    static final String NODE_TYPE = PwRegistry.NODE;

    /** Hears nodes come and go, on the loop thread; must not block. */
    public interface Listener {
        default void added(VideoNode node) {
        }

        default void removed(VideoNode node) {
        }
    }

    private final PwConnection connection;
    private final Listener listener;
    private final Map<Integer, VideoNode> nodes = new ConcurrentHashMap<>();
    private PwRegistry registry;

    private NodeDirectory(PwConnection connection, Listener listener) {
        this.connection = connection;
        this.listener = listener;
    }

    /** Binds the registry and returns once the nodes that exist now are listed (one roundtrip). */
    public static NodeDirectory open(PwConnection connection, Listener listener, Duration timeout)
            throws PipeWireException {
        NodeDirectory directory = new NodeDirectory(connection, listener);
        directory.registry = PwRegistry.open(connection, new PwRegistry.Listener() {
            @Override
            public void added(PwRegistry.Global global) {
                directory.globalAdded(global);
            }

            @Override
            public void removed(PwRegistry.Global global) {
                directory.globalRemoved(global);
            }
        }, timeout);
        return directory;
    }

    private void globalAdded(PwRegistry.Global global) {
        if (!NODE_TYPE.equals(global.type()) || !VideoNode.producesVideo(global.property("media.class"))) {
            return;
        }
        VideoNode node = VideoNode.of(global.id(), global.properties());
        nodes.put(global.id(), node);
        LOG.log(System.Logger.Level.DEBUG, "PipeWire video node " + node.id() + " appeared: " + node.name() + " ("
                + node.mediaClass() + ")");
        listener.added(node);
    }

    private void globalRemoved(PwRegistry.Global global) {
        VideoNode node = nodes.remove(global.id());
        if (node != null) {
            LOG.log(System.Logger.Level.DEBUG, "PipeWire video node " + node.id() + " went away: " + node.name());
            listener.removed(node);
        }
    }

    /** The EnumFormat params node {@code nodeId} offers now. Not on the loop thread. */
    public List<io.lumen.capture.pipewire.impl.spa.SpaPod> formats(int nodeId, Duration timeout)
            throws PipeWireException {
        connection.loop().requireOutsideLoop("reading a node's formats");
        return NodeFormats.read(connection, registry.proxy(), nodeId, timeout);
    }

    /** The video nodes now, by id. */
    public List<VideoNode> list() {
        return nodes.values().stream().sorted(Comparator.comparingInt(VideoNode::id)).toList();
    }

    /** Stops listening and destroys the registry proxy. Not on the loop thread. */
    @Override
    public void close() {
        registry.close();
    }
}
