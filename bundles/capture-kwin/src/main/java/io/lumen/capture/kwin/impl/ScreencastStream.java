package io.lumen.capture.kwin.impl;

import io.lumen.wayland.WaylandException;
import io.lumen.wayland.WaylandProxy;

import java.util.concurrent.CompletableFuture;

/**
 * One {@code zkde_screencast_stream_unstable_v1}: what was asked for, the PipeWire node KWin answers with, and how
 * the stream ended. {@link #node()} fails with KWin's own error text when KWin sends {@code failed} instead of
 * {@code created}; {@link #ended()} completes with a reason when a created stream is closed by KWin, fails, or loses
 * its connection. {@link #close()} sends the stream's destructor, which makes KWin remove a virtual output.
 */
final class ScreencastStream {

    private final KwinScreencast connection;
    private final String kind;
    private final CompletableFuture<Integer> node = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    /** Written on the dispatch thread only; null once the proxy is gone. */
    WaylandProxy proxy;
    private volatile String state = "requested";

    ScreencastStream(KwinScreencast connection, String kind) {
        this.connection = connection;
        this.kind = kind;
    }

    /** "virtual output lumen-3 1280x720", "output Virtual-1". */
    String kind() {
        return kind;
    }

    /** The PipeWire node id of KWin's {@code created} event. */
    CompletableFuture<Integer> node() {
        return node;
    }

    /** Completes with why a created stream can deliver no more; never completes for a stream lumen closed. */
    CompletableFuture<String> ended() {
        return ended;
    }

    /** "waiting for KWin", "node 57", "failed: Could not find output", "closed by KWin". */
    String state() {
        return state;
    }

    String describe() {
        return kind + ": " + state;
    }

    /** Asks KWin to end the stream (removing a virtual output); idempotent, safe after the connection is gone. */
    void close() {
        if (state.startsWith("closed") || state.startsWith("failed") || state.startsWith("lost")) {
            connection.release(this);
            return;
        }
        state = "closed by lumen";
        node.completeExceptionally(new WaylandException(kind + ": closed before KWin created it"));
        connection.release(this);
    }

    void created(int nodeId) {
        state = "node " + Integer.toUnsignedString(nodeId);
        node.complete(nodeId);
    }

    void failed(String error) {
        state = "failed: " + error;
        String reason = "KWin failed the stream of " + kind + ": " + error;
        if (!node.completeExceptionally(new WaylandException(reason))) {
            ended.complete(reason);
        }
    }

    void closedByKwin() {
        state = "closed by KWin";
        if (!node.completeExceptionally(new WaylandException("KWin closed the stream of " + kind
                + " before creating it"))) {
            ended.complete("KWin closed the stream of " + kind);
        }
    }

    void lost(String reason) {
        if (state.startsWith("closed") || state.startsWith("failed")) {
            return;
        }
        state = "lost: " + reason;
        String text = "the Wayland connection to KWin was lost while streaming " + kind + ": " + reason;
        if (!node.completeExceptionally(new WaylandException(text))) {
            ended.complete(text);
        }
    }
}
