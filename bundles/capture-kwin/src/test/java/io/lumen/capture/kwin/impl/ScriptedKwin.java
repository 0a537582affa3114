package io.lumen.capture.kwin.impl;

import io.lumen.testkit.wayland.ScriptedCompositor;
import io.lumen.testkit.wayland.WireMessage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * KWin as far as the capture uses it, on the scripted compositor: org_kde_plasma_window_management
 * (window_with_uuid, stacking_order_uuid_changed) and the screencast (stream_output, stream_window,
 * stream_virtual_output, destroy; the stream's close and its created, failed and closed events). What it answers
 * to a stream request is the test's {@link #onStream} script.
 */
final class ScriptedKwin implements AutoCloseable {

    /** What the compositor does when asked for a stream. */
    sealed interface Reply {
    }

    record Created(int node) implements Reply {
    }

    record Failed(String error) implements Reply {
    }

    /** Never answers. */
    record Silent() implements Reply {
    }

    /** Closes the connection instead of answering. */
    record HangUp() implements Reply {
    }

    /** Sends a failed event whose string claims more bytes than the message holds. */
    record Truncated() implements Reply {
    }

    /** Sends an event with an opcode the stream interface does not have. */
    record UnknownEvent() implements Reply {
    }

    /** Sends wl_display.error against the new stream. */
    record ProtocolError(String message) implements Reply {
    }

    static final String OUTPUT_NAME = ScriptedCompositor.DEFAULT_OUTPUT.name();
    static final String WINDOW_UUID = "{5c1b0c5e-scripted}";

    private final ScriptedCompositor compositor;
    /** Every request seen, as a line: "bind wl_output 4", "stream_virtual_output lumen-1 1280x720 ...", "close". */
    final BlockingQueue<String> requests;
    volatile Function<String, Reply> onStream = request -> new Created(57);

    /**
     * @param screencastAllowed whether zkde_screencast_unstable_v1 is advertised (KWin hides it from untrusted clients)
     * @param kde               whether KDE's own globals are advertised, as every KWin does
     */
    ScriptedKwin(Path dir, boolean screencastAllowed, boolean kde) throws IOException {
        List<ScriptedCompositor.Global> globals = new ArrayList<>();
        if (kde) {
            globals.add(new ScriptedCompositor.Global(3, "org_kde_kwin_idle", 1));
            globals.add(new ScriptedCompositor.Global(4, ScreencastProtocol.WINDOW_MANAGEMENT, 16));
        }
        if (screencastAllowed) {
            globals.add(new ScriptedCompositor.Global(5, ScreencastProtocol.SCREENCAST, 3));
        }
        compositor = new ScriptedCompositor(dir, List.of(ScriptedCompositor.DEFAULT_OUTPUT), globals, new Script());
        requests = compositor.requests;
    }

    Path socket() {
        return compositor.socket();
    }

    String awaitRequest(String text) throws InterruptedException {
        return compositor.awaitRequest(text);
    }

    /** Sends {@code closed} on every live stream, as KWin does when the captured thing goes away. */
    void closeStreams() throws IOException {
        for (ScriptedCompositor.Client client : compositor.clients()) {
            for (int stream : client.objectsOf(ScreencastProtocol.STREAM)) {
                client.send(new WireMessage(stream, 0));
            }
        }
    }

    /** Sends {@code failed} on every live stream. */
    void failStreams(String error) throws IOException {
        for (ScriptedCompositor.Client client : compositor.clients()) {
            for (int stream : client.objectsOf(ScreencastProtocol.STREAM)) {
                client.send(new WireMessage(stream, 2).s(error));
            }
        }
    }

    /** Drops every connection, as a crashing compositor does. */
    void hangUp() {
        compositor.hangUp();
    }

    int connected() {
        return compositor.connected();
    }

    @Override
    public void close() throws IOException {
        compositor.close();
    }

    private final class Script implements ScriptedCompositor.Script {

        @Override
        public void bound(ScriptedCompositor.Client client, int id, String iface, int version) throws IOException {
            if (iface.equals(ScreencastProtocol.WINDOW_MANAGEMENT)) {
                client.send(new WireMessage(id, 4).u(1).s(WINDOW_UUID));
                client.send(new WireMessage(id, 4).u(2).s("{closed-window}"));
                client.send(new WireMessage(id, 3).s(WINDOW_UUID)); // the full list: the second window is gone
            }
        }

        @Override
        public boolean request(ScriptedCompositor.Client client, int object, String iface, int opcode,
                               WireMessage.Reader args) throws IOException {
            switch (iface + "." + opcode) {
                case ScreencastProtocol.SCREENCAST + ".0" -> {
                    int stream = args.u();
                    stream(client, stream, "stream_output output " + client.outputName(args.u()) + " pointer "
                            + args.u());
                }
                case ScreencastProtocol.SCREENCAST + ".1" -> {
                    int stream = args.u();
                    stream(client, stream, "stream_window " + args.s() + " pointer " + args.u());
                }
                case ScreencastProtocol.SCREENCAST + ".2" -> {
                    requests.add("destroy");
                    client.destroyed(object);
                }
                case ScreencastProtocol.SCREENCAST + ".3" -> {
                    int stream = args.u();
                    stream(client, stream, "stream_virtual_output " + args.s() + " " + args.u() + "x" + args.u()
                            + " scale " + args.u() + " pointer " + args.u());
                }
                case ScreencastProtocol.STREAM + ".0" -> {
                    requests.add("close");
                    client.destroyed(object);
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        private void stream(ScriptedCompositor.Client client, int stream, String request) throws IOException {
            client.created(stream, ScreencastProtocol.STREAM);
            requests.add(request);
            switch (onStream.apply(request)) {
                case Created c -> client.send(new WireMessage(stream, 1).u(c.node()));
                case Failed f -> client.send(new WireMessage(stream, 2).s(f.error()));
                case Silent s -> {
                }
                case HangUp h -> client.hangUp();
                case Truncated t -> client.send(new WireMessage(stream, 2).u(1000));
                case UnknownEvent u -> client.send(new WireMessage(stream, 9).u(1));
                case ProtocolError p -> client.send(new WireMessage(1, 0).u(stream).u(0).s(p.message()));
            }
        }
    }
}
