package io.lumen.input.remotedesktop.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.RemoteDesktop;
import io.lumen.api.input.RemoteDesktops;
import io.lumen.api.session.StreamRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One backend, two providers (capture-mutter's and capture-portal's remote desktops, each streaming a session of
 * its own): each session's input goes to its own provider's remote desktop, follows a swap to the other, and keeps
 * going when the other provider leaves.
 */
class RemoteDesktopProvidersTest {

    private static final int VK_SHIFT = 0x10;
    private static final int VK_A = 0x41;

    private final RecordingRemoteDesktop.Casts mutter = new RecordingRemoteDesktop.Casts("mutter");
    private final RecordingRemoteDesktop.Casts portal = new RecordingRemoteDesktop.Casts("portal");
    private final AtomicLong clock = new AtomicLong();
    private final RemoteDesktopInputBackend backend = new RemoteDesktopInputBackend(
            vk -> switch (vk) {
                case VK_SHIFT -> 42;
                case VK_A -> 30;
                default -> 0;
            }, clock::get);

    private InputSession open(String sessionId, Map<String, String> options) throws BackendException {
        return backend.open(new InputRequest(sessionId, "test", 1280, 720, options), feedback -> { });
    }

    private static void type(InputSession session, String sessionId, int vk) throws BackendException {
        session.accept(new KeyChange(sessionId, vk, true, 0, false));
        session.accept(new KeyChange(sessionId, vk, false, 0, false));
    }

    @Test
    void eachSessionGoesToItsOwnProvidersRemoteDesktop() throws Exception {
        backend.bindRemoteDesktops(mutter, mutter.properties());
        backend.bindRemoteDesktops(portal, portal.properties());
        RecordingRemoteDesktop onMutter = new RecordingRemoteDesktop(1920, 1080);
        RecordingRemoteDesktop onPortal = new RecordingRemoteDesktop(2560, 1440);
        mutter.put("m", onMutter);
        portal.put("p", onPortal);

        try (InputSession m = open("m", Map.of());
             InputSession p = open("p", Map.of(StreamRequest.CAPTURE_BACKEND, "portal"))) {
            type(m, "m", VK_A);
            type(p, "p", VK_A);
            m.accept(new MouseMove("m", 1, 2));
            assertEquals(List.of("key 30 true", "key 30 false", "relative 1.0 2.0"), onMutter.calls);
            assertEquals(List.of("key 30 true", "key 30 false"), onPortal.calls);
        }

        BackendException neither = assertThrows(BackendException.class,
                () -> open("k", Map.of(StreamRequest.CAPTURE_BACKEND, "kwin")));
        assertTrue(neither.getMessage().contains("streams no cast of mutter or portal (its capture is \"kwin\")"),
                neither.getMessage());
        // a session whose capture names a provider is taken before its cast opens; its drops name that provider
        try (InputSession late = open("late", Map.of(StreamRequest.CAPTURE_BACKEND, "portal"))) {
            late.accept(new MouseMove("late", 1, 1));
            assertEquals(Map.of(RemoteDesktopInputSession.noCast("portal"), 1L), late.dropped());
            RecordingRemoteDesktop lateDesktop = new RecordingRemoteDesktop(1280, 720);
            portal.put("late", lateDesktop);
            late.accept(new MouseMove("late", 2, 2));
            assertEquals(List.of("relative 2.0 2.0"), lateDesktop.calls);
        }
    }

    @Test
    void theProbeSaysWhichProviderReachesItsCompositor() {
        backend.bindRemoteDesktops(mutter, mutter.properties());
        backend.bindRemoteDesktops(portal, portal.properties());
        mutter.availability = "org.gnome.Mutter.RemoteDesktop is not on the session bus";
        assertTrue(backend.probe().available(), backend.probe().toString());
        assertTrue(backend.probe().reason().contains("portal") && !backend.probe().reason().contains("mutter"),
                backend.probe().reason());
        portal.availability = "no portal";
        clock.addAndGet(RemoteDesktopInputBackend.PROBE_CACHE.toNanos());
        assertEquals("unavailable: mutter: org.gnome.Mutter.RemoteDesktop is not on the session bus; portal: no"
                + " portal", backend.probe().toString());
    }

    @Test
    void aProviderLeavingLeavesTheOthersSessionsAlone() throws Exception {
        backend.bindRemoteDesktops(mutter, mutter.properties());
        backend.bindRemoteDesktops(portal, portal.properties());
        RecordingRemoteDesktop onMutter = new RecordingRemoteDesktop(1920, 1080);
        RecordingRemoteDesktop onPortal = new RecordingRemoteDesktop(1920, 1080);
        mutter.put("m", onMutter);
        portal.put("p", onPortal);
        InputSession m = open("m", Map.of(StreamRequest.CAPTURE_BACKEND, "mutter"));
        InputSession p = open("p", Map.of(StreamRequest.CAPTURE_BACKEND, "portal"));
        p.accept(new KeyChange("p", VK_SHIFT, true, 0, false));
        m.accept(new MouseMove("m", 1, 1));

        // capture-mutter stops: its casts end with it
        mutter.remove("m");
        backend.unbindRemoteDesktops(mutter, mutter.properties());
        onMutter.end("capture-mutter stopped");
        m.accept(new MouseMove("m", 2, 2));
        p.accept(new MouseMove("p", 3, 3));
        assertEquals(List.of("relative 1.0 1.0"), onMutter.calls, "nothing goes to the departed provider");
        assertEquals(List.of("key 42 true", "relative 3.0 3.0"), onPortal.calls,
                "the portal's session goes on, holding its key, nothing pressed again");
        assertEquals(Map.of(RemoteDesktopInputSession.noCast("mutter"), 1L), m.dropped());
        assertEquals(Map.of(), p.dropped());
        clock.addAndGet(RemoteDesktopInputBackend.PROBE_CACHE.toNanos());
        assertTrue(backend.probe().available() && backend.probe().reason().contains("portal"),
                backend.probe().toString());

        // the mutter session's capture swapped to the portal: its input follows, and its drops name the portal now
        RecordingRemoteDesktop swapped = new RecordingRemoteDesktop(1280, 720);
        portal.put("m", swapped);
        m.accept(new MouseMove("m", 4, 4));
        assertEquals(List.of("relative 4.0 4.0"), swapped.calls);
        portal.remove("m");
        swapped.end("the capture was swapped");
        m.accept(new MouseMove("m", 5, 5));
        assertEquals(Map.of(RemoteDesktopInputSession.noCast("mutter"), 1L,
                RemoteDesktopInputSession.noCast("portal"), 1L), m.dropped());
        m.close();
        p.close();
        assertEquals(List.of("key 42 true", "relative 3.0 3.0", "key 42 false"), onPortal.calls);
    }

    @Test
    void aProviderThatFailsMidCallIsOneWithoutARemoteDesktop() throws Exception {
        RemoteDesktops failing = new RemoteDesktops() {
            @Override
            public Optional<RemoteDesktop> remoteDesktop(String sessionId) {
                throw new IllegalStateException("bundle stopping");
            }

            @Override
            public String availability() {
                throw new IllegalStateException("bundle stopping");
            }
        };
        backend.bindRemoteDesktops(failing, Map.of(RemoteDesktops.CAPTURE_BACKEND, "broken"));
        backend.bindRemoteDesktops(portal, portal.properties());
        RecordingRemoteDesktop onPortal = new RecordingRemoteDesktop(1280, 720);
        portal.put("p", onPortal);
        try (InputSession p = open("p", Map.of())) {
            p.accept(new MouseMove("p", 1, 1));
            assertEquals(List.of("relative 1.0 1.0"), onPortal.calls);
        }
        assertTrue(backend.probe().available(), backend.probe().toString());
        backend.unbindRemoteDesktops(portal, portal.properties());
        clock.addAndGet(RemoteDesktopInputBackend.PROBE_CACHE.toNanos());
        assertFalse(backend.probe().available());
        assertTrue(backend.probe().reason().contains("broken could not tell"), backend.probe().reason());
    }
}
