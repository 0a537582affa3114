package io.lumen.input.remotedesktop.impl;

import io.lumen.api.input.RemoteDesktop;
import io.lumen.api.input.RemoteDesktops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A stand-in for a capture bundle's remote desktop that writes each call as a line ("button 272 true"), for the
 * mapping tests; Mutter's real one is exercised in {@link RemoteDesktopInputRealTest}. {@link Casts} plays a capture
 * bundle's {@link RemoteDesktops} service, its lookup by session.
 */
final class RecordingRemoteDesktop implements RemoteDesktop {

    final List<String> calls = new ArrayList<>();
    private final int width;
    private final int height;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    long undelivered;

    RecordingRemoteDesktop(int width, int height) {
        this.width = width;
        this.height = height;
    }

    void end(String reason) {
        ended.complete(reason);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void pointerMotionAbsolute(double x, double y) {
        calls.add("absolute " + x + " " + y);
    }

    @Override
    public void pointerMotionRelative(double dx, double dy) {
        calls.add("relative " + dx + " " + dy);
    }

    @Override
    public void pointerButton(int button, boolean pressed) {
        calls.add("button " + button + " " + pressed);
    }

    @Override
    public void pointerAxis(double dx, double dy, boolean finish) {
        calls.add("axis " + dx + " " + dy + " " + finish);
    }

    @Override
    public void pointerAxisDiscrete(int axis, int steps) {
        calls.add("discrete " + axis + " " + steps);
    }

    @Override
    public void keyboardKeycode(int keycode, boolean pressed) {
        calls.add("key " + keycode + " " + pressed);
    }

    @Override
    public void keyboardKeysym(int keysym, boolean pressed) {
        calls.add("keysym 0x" + Integer.toHexString(keysym) + " " + pressed);
    }

    @Override
    public void touchDown(int slot, double x, double y) {
        calls.add("touch down " + slot + " " + x + " " + y);
    }

    @Override
    public void touchMotion(int slot, double x, double y) {
        calls.add("touch motion " + slot + " " + x + " " + y);
    }

    @Override
    public void touchUp(int slot) {
        calls.add("touch up " + slot);
    }

    @Override
    public long dropped() {
        return undelivered;
    }

    @Override
    public CompletionStage<String> ended() {
        return ended;
    }

    /** A capture bundle's casts by session: what {@link #put} names is streaming. */
    static final class Casts implements RemoteDesktops {

        private final Map<String, RemoteDesktop> bySession = new HashMap<>();
        private final String captureBackend;
        String availability = "ok";

        Casts(String captureBackend) {
            this.captureBackend = captureBackend;
        }

        /** The service properties the capture bundle registers it with. */
        Map<String, Object> properties() {
            return Map.of(RemoteDesktops.CAPTURE_BACKEND, captureBackend);
        }

        void put(String sessionId, RemoteDesktop desktop) {
            bySession.put(sessionId, desktop);
        }

        void remove(String sessionId) {
            bySession.remove(sessionId);
        }

        @Override
        public Optional<RemoteDesktop> remoteDesktop(String sessionId) {
            return Optional.ofNullable(bySession.get(sessionId));
        }

        @Override
        public String availability() {
            return availability;
        }
    }
}
