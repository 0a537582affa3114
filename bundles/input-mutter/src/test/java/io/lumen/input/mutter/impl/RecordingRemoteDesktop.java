package io.lumen.input.mutter.impl;

import io.lumen.capture.mutter.MutterCasts;
import io.lumen.capture.mutter.MutterRemoteDesktop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A stand-in for capture-mutter's remote desktop that writes each call as a line ("button 272 true"), for the
 * mapping tests; the real one is exercised against Mutter in {@link MutterInputRealTest}. {@link Casts} plays
 * capture-mutter's lookup by session.
 */
final class RecordingRemoteDesktop implements MutterRemoteDesktop {

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

    /** capture-mutter's casts by session: what {@link #put} names is streaming. */
    static final class Casts implements MutterCasts {

        private final Map<String, MutterRemoteDesktop> bySession = new HashMap<>();
        String availability = "ok";

        void put(String sessionId, MutterRemoteDesktop desktop) {
            bySession.put(sessionId, desktop);
        }

        void remove(String sessionId) {
            bySession.remove(sessionId);
        }

        @Override
        public Optional<MutterRemoteDesktop> remoteDesktop(String sessionId) {
            return Optional.ofNullable(bySession.get(sessionId));
        }

        @Override
        public String availability() {
            return availability;
        }
    }
}
