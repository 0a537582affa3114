package io.lumen.testkit.wayland;

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

/**
 * A scripted Wayland compositor on a Unix socket that speaks the real wire protocol to the real libwayland-client:
 * wl_display (sync, get_registry, error, delete_id), wl_registry (global, bind), wl_callback and wl_output
 * (geometry, mode, scale, name, description, done) itself; the globals a test adds, and their requests, through its
 * {@link Script}. Every request it sees is queued as a line in {@link #requests}.
 */
public final class ScriptedCompositor implements AutoCloseable {

    /** A global the registry announces besides wl_compositor and the outputs. */
    public record Global(int name, String iface, int version) {
    }

    /** An output as wl_output describes it. */
    public record Output(String name, int x, int y, int width, int height) {
    }

    /** What the test's interfaces do; runs on the client's reading thread. */
    public interface Script {
        /** A global of the test's was bound as object {@code id}. */
        default void bound(Client client, int id, String iface, int version) throws IOException {
        }

        /** A request on an object of the test's; returns false when it does not know it (recorded as unhandled). */
        boolean request(Client client, int object, String iface, int opcode, WireMessage.Reader args)
                throws IOException;
    }

    public static final Output DEFAULT_OUTPUT = new Output("Virtual-0", 0, 0, 1920, 1080);
    /** Registry names of the outputs: 100, 101, ... */
    private static final int OUTPUT_NAMES = 100;

    private final Path socket;
    private final ServerSocketChannel server;
    private final List<Output> outputs;
    private final List<Global> globals;
    private final Script script;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    /** Every request seen, as a line: "bind wl_output 4", or what the script adds; "disconnected" at a hang-up. */
    public final BlockingQueue<String> requests = new LinkedBlockingQueue<>();

    public ScriptedCompositor(Path dir, List<Output> outputs, List<Global> globals, Script script) throws IOException {
        this.socket = dir.resolve("scripted-compositor");
        this.outputs = List.copyOf(outputs);
        this.globals = List.copyOf(globals);
        this.script = script;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().name("scripted-compositor accept").start(this::accept);
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

    /** The clients connected so far (including gone ones). */
    public List<Client> clients() {
        return List.copyOf(clients);
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
                Thread.ofPlatform().daemon().name("scripted-compositor client").start(client::serve);
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private List<Global> announced() {
        List<Global> all = new ArrayList<>(List.of(new Global(1, "wl_compositor", 5)));
        for (int i = 0; i < outputs.size(); i++) {
            all.add(new Global(OUTPUT_NAMES + i, "wl_output", 4));
        }
        all.addAll(globals);
        return all;
    }

    /** One connected client: its objects by id, and a way to send it events. */
    public final class Client {
        final SocketChannel channel;
        private final Map<Integer, String> objects = new ConcurrentHashMap<>(Map.of(1, "wl_display"));
        private final Map<Integer, Integer> boundGlobals = new ConcurrentHashMap<>();
        private final Object writeLock = new Object();

        Client(SocketChannel channel) {
            this.channel = channel;
        }

        /** The ids of this client's live objects of {@code iface}. */
        public List<Integer> objectsOf(String iface) {
            return objects.entrySet().stream().filter(e -> e.getValue().equals(iface)).map(Map.Entry::getKey)
                    .toList();
        }

        public String iface(int object) {
            return objects.getOrDefault(object, "no object");
        }

        /** The name of the output bound as {@code object}, or "no output". */
        public String outputName(int object) {
            Integer global = boundGlobals.get(object);
            int index = global == null ? -1 : global - OUTPUT_NAMES;
            return index >= 0 && index < outputs.size() ? outputs.get(index).name() : "no output";
        }

        /** Records a new object the client created with a request of the script's. */
        public void created(int id, String iface) {
            objects.put(id, iface);
        }

        /** Forgets a destroyed object and confirms its id, as wl_display.delete_id does. */
        public void destroyed(int id) throws IOException {
            objects.remove(id);
            send(new WireMessage(1, 1).u(id));
        }

        public void send(WireMessage message) throws IOException {
            ByteBuffer bytes = message.encode();
            synchronized (writeLock) {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        }

        public void hangUp() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone
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
                    for (Global g : announced()) {
                        send(new WireMessage(registry, 0).u(g.name()).s(g.iface()).u(g.version()));
                    }
                }
                case "wl_registry.0" -> bind(args.u(), args.s(), args.u(), args.u());
                default -> {
                    if (!script.request(this, object, iface, opcode, args)) {
                        requests.add("unhandled " + iface + " request " + opcode);
                    }
                }
            }
        }

        private void bind(int name, String iface, int version, int id) throws IOException {
            requests.add("bind " + iface + " " + version);
            objects.put(id, iface);
            boundGlobals.put(id, name);
            if (iface.equals("wl_output")) {
                Output output = outputs.get(name - OUTPUT_NAMES);
                send(new WireMessage(id, 0).u(output.x()).u(output.y()).u(600).u(340).u(0).s("lumen").s("scripted")
                        .u(0));
                send(new WireMessage(id, 1).u(1).u(output.width()).u(output.height()).u(60000));
                send(new WireMessage(id, 3).u(1));
                if (version >= 4) {
                    send(new WireMessage(id, 4).s(output.name()));
                    send(new WireMessage(id, 5).s("a scripted output"));
                }
                send(new WireMessage(id, 2));
            } else {
                script.bound(this, id, iface, version);
            }
        }
    }
}
