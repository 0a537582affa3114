package io.lumen.capture.kwin.impl.wayland;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scripted Wayland compositor on a Unix socket that speaks the real wire protocol to the real libwayland-client:
 * wl_display (sync, get_registry, error, delete_id), wl_registry (global, bind), wl_callback, wl_output (geometry,
 * mode, scale, name, description, done), org_kde_plasma_window_management (window_with_uuid,
 * stacking_order_uuid_changed) and KWin's screencast (stream_output, stream_window,
 * stream_virtual_output, destroy; the stream's close and its created, failed and closed events). What it answers to a
 * stream request is the test's {@link #onStream} script; every request it sees is queued in {@link #requests}.
 */
public final class ScriptedKwin implements AutoCloseable {

    /** What the compositor does when asked for a stream. */
    public sealed interface Reply {
    }

    public record Created(int node) implements Reply {
    }

    public record Failed(String error) implements Reply {
    }

    /** Never answers. */
    public record Silent() implements Reply {
    }

    /** Closes the connection instead of answering. */
    public record HangUp() implements Reply {
    }

    /** Sends a failed event whose string claims more bytes than the message holds. */
    public record Truncated() implements Reply {
    }

    /** Sends an event with an opcode the stream interface does not have. */
    public record UnknownEvent() implements Reply {
    }

    /** Sends wl_display.error against the new stream. */
    public record ProtocolError(String message) implements Reply {
    }

    public static final String OUTPUT_NAME = "Virtual-0";
    public static final String WINDOW_UUID = "{5c1b0c5e-scripted}";

    private final Path socket;
    private final ServerSocketChannel server;
    private final boolean screencastAllowed;
    private final boolean kde;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    /** Every request seen, as a line: "bind wl_output 4", "stream_virtual_output lumen-1 1280x720 ...", "close". */
    public final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    public volatile Function<String, Reply> onStream = request -> new Created(57);

    /**
     * @param screencastAllowed whether zkde_screencast_unstable_v1 is advertised (KWin hides it from untrusted clients)
     * @param kde               whether KDE's own globals are advertised, as every KWin does
     */
    public ScriptedKwin(Path dir, boolean screencastAllowed, boolean kde) throws IOException {
        this.socket = dir.resolve("scripted-kwin");
        this.screencastAllowed = screencastAllowed;
        this.kde = kde;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().name("scripted-kwin accept").start(this::accept);
    }

    public Path socket() {
        return socket;
    }

    /** The next request line containing {@code text}, skipping others; null after 5 s. */
    public String awaitRequest(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (String line; (line = requests.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
            if (line.contains(text)) {
                return line;
            }
        }
        return null;
    }

    /** Sends {@code closed} on every live stream, as KWin does when the captured thing goes away. */
    public void closeStreams() throws IOException {
        for (Client client : clients) {
            for (int stream : client.streams()) {
                client.send(new WireMessage(stream, 0));
            }
        }
    }

    /** Sends {@code failed} on every live stream. */
    public void failStreams(String error) throws IOException {
        for (Client client : clients) {
            for (int stream : client.streams()) {
                client.send(new WireMessage(stream, 2).s(error));
            }
        }
    }

    /** Drops every connection, as a crashing compositor does. */
    public void hangUp() {
        clients.forEach(Client::hangUp);
    }

    /** How many clients are connected now. */
    public int connected() {
        return (int) clients.stream().filter(c -> c.channel.isOpen()).count();
    }

    @Override
    public void close() throws IOException {
        server.close();
        hangUp();
        Files.deleteIfExists(socket);
    }

    private void accept() {
        try {
            while (server.isOpen()) {
                Client client = new Client(server.accept());
                clients.add(client);
                Thread.ofPlatform().daemon().name("scripted-kwin client").start(client::serve);
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private record Global(int name, String iface, int version) {
    }

    private List<Global> globals() {
        List<Global> globals = new ArrayList<>(List.of(new Global(1, "wl_compositor", 5), new Global(2, "wl_output", 4)));
        if (kde) {
            globals.add(new Global(3, "org_kde_kwin_idle", 1));
            globals.add(new Global(4, "org_kde_plasma_window_management", 16));
        }
        if (screencastAllowed) {
            globals.add(new Global(5, ScreencastProtocol.SCREENCAST, 3));
        }
        return globals;
    }

    private final class Client {
        final SocketChannel channel;
        final Map<Integer, String> objects = new ConcurrentHashMap<>(Map.of(1, "wl_display"));
        final Object writeLock = new Object();

        Client(SocketChannel channel) {
            this.channel = channel;
        }

        List<Integer> streams() {
            return objects.entrySet().stream().filter(e -> e.getValue().equals(ScreencastProtocol.STREAM))
                    .map(Map.Entry::getKey).toList();
        }

        void hangUp() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone
            }
        }

        void send(WireMessage message) throws IOException {
            ByteBuffer bytes = message.encode();
            synchronized (writeLock) {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        }

        void serve() {
            try {
                while (true) {
                    ByteBuffer header = read(8);
                    int object = header.getInt();
                    int word = header.getInt();
                    WireMessage.Reader args = new WireMessage.Reader(read((word >>> 16) - 8));
                    handle(object, word & 0xffff, args);
                }
            } catch (IOException gone) {
                requests.add("disconnected");
                hangUp();
            }
        }

        private ByteBuffer read(int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(length).order(WireMessage.ORDER);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    throw new EOFException();
                }
            }
            return buffer.flip();
        }

        private void handle(int object, int opcode, WireMessage.Reader args) throws IOException {
            String iface = objects.getOrDefault(object, "unknown");
            switch (iface + "." + opcode) {
                case "wl_display.0" -> {
                    int callback = args.u();
                    send(new WireMessage(callback, 0).u(0));
                    send(new WireMessage(1, 1).u(callback));
                }
                case "wl_display.1" -> {
                    int registry = args.u();
                    objects.put(registry, "wl_registry");
                    for (Global g : globals()) {
                        send(new WireMessage(registry, 0).u(g.name()).s(g.iface()).u(g.version()));
                    }
                }
                case "wl_registry.0" -> bind(args.u(), args.s(), args.u(), args.u());
                case "zkde_screencast_unstable_v1.0" -> {
                    int stream = args.u();
                    String output = objects.getOrDefault(args.u(), "no object");
                    stream(stream, "stream_output " + output + " pointer " + args.u());
                }
                case "zkde_screencast_unstable_v1.1" -> {
                    int stream = args.u();
                    stream(stream, "stream_window " + args.s() + " pointer " + args.u());
                }
                case "zkde_screencast_unstable_v1.2" -> {
                    requests.add("destroy");
                    objects.remove(object);
                    send(new WireMessage(1, 1).u(object));
                }
                case "zkde_screencast_unstable_v1.3" -> {
                    int stream = args.u();
                    stream(stream, "stream_virtual_output " + args.s() + " " + args.u() + "x" + args.u() + " scale "
                            + args.u() + " pointer " + args.u());
                }
                case "zkde_screencast_stream_unstable_v1.0" -> {
                    requests.add("close");
                    objects.remove(object);
                    send(new WireMessage(1, 1).u(object));
                }
                default -> requests.add("unhandled " + iface + " request " + opcode);
            }
        }

        private void bind(int name, String iface, int version, int id) throws IOException {
            requests.add("bind " + iface + " " + version);
            if (iface.equals("wl_output")) {
                objects.put(id, "output " + OUTPUT_NAME);
                send(new WireMessage(id, 0).u(0).u(0).u(600).u(340).u(0).s("lumen").s("scripted").u(0));
                send(new WireMessage(id, 1).u(1).u(1920).u(1080).u(60000));
                send(new WireMessage(id, 3).u(1));
                if (version >= 4) {
                    send(new WireMessage(id, 4).s(OUTPUT_NAME));
                    send(new WireMessage(id, 5).s("a scripted output"));
                }
                send(new WireMessage(id, 2));
            } else if (iface.equals(ScreencastProtocol.WINDOW_MANAGEMENT)) {
                objects.put(id, iface);
                send(new WireMessage(id, 4).u(1).s(WINDOW_UUID));
                send(new WireMessage(id, 4).u(2).s("{closed-window}"));
                send(new WireMessage(id, 3).s(WINDOW_UUID)); // the full list: the second window is gone
            } else {
                objects.put(id, iface);
            }
        }

        private void stream(int stream, String request) throws IOException {
            objects.put(stream, ScreencastProtocol.STREAM);
            requests.add(request);
            switch (onStream.apply(request)) {
                case Created c -> send(new WireMessage(stream, 1).u(c.node()));
                case Failed f -> send(new WireMessage(stream, 2).s(f.error()));
                case Silent s -> {
                }
                case HangUp h -> hangUp();
                case Truncated t -> send(new WireMessage(stream, 2).u(1000));
                case UnknownEvent u -> send(new WireMessage(stream, 9).u(1));
                case ProtocolError p -> send(new WireMessage(1, 0).u(stream).u(0).s(p.message()));
            }
        }
    }
}
