package io.lumen.capture.portal.impl;

import io.lumen.testkit.portal.ScriptedDesktopPortal;
import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureSession;
import io.lumen.testkit.Poll;
import io.lumen.testkit.capture.RecordingFrameSink;
import io.lumen.testkit.pipewire.PortalFrontend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.lumen.capture.portal.impl.PortalDesktop.expectFrames;
import static io.lumen.capture.portal.impl.PortalDesktop.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * capture = portal against the real xdg-desktop-portal frontend and permission store, with a scripted
 * desktop backend on a private bus and a pattern producer on a private PipeWire daemon: a granted consent streams
 * frames through the portal's PipeWire fd and is remembered; a remembered one (after a "reboot" of the portal)
 * streams without a prompt; a denied one is a clear error; a token the desktop no longer honours, or that was
 * revoked, prompts again instead of failing; the desktop closing the session ends the capture.
 */
class PortalFrontendTest {

    private static PortalDesktop desktop;
    private static ScriptedDesktopPortal scripted;
    private static PortalFrontend portal;

    @TempDir
    Path data;
    private PortalCaptureBackend backend;

    @BeforeAll
    static void startDesktop() throws Exception {
        PortalDesktop.assumeInstalled();
        desktop = PortalDesktop.start();
        scripted = desktop.backend;
        portal = desktop.portal;
    }

    @AfterAll
    static void stopDesktop() throws Exception {
        if (desktop != null) {
            desktop.close();
        }
    }

    @BeforeEach
    void freshLumen() {
        scripted.answer = ScriptedDesktopPortal.Answer.GRANT;
        scripted.monitor = "Virtual-1";
        backend = desktop.lumen(data, Duration.ofSeconds(20));
    }

    @Test
    void aGrantedConsentStreamsThroughThePortalsFdAndIsRemembered() throws Exception {
        int prompts = scripted.prompts.get();
        RecordingFrameSink sink = new RecordingFrameSink();
        try (CaptureSession session = backend.open(request("monitor:granted"), sink)) {
            expectFrames(sink);
            assertEquals(prompts + 1, scripted.prompts.get(), "the user was asked once");
            assertEquals(true, session.stats().get("portal.fd"), "streamed through OpenPipeWireRemote's fd");
            assertEquals(false, session.stats().get("portal.token-offered"));
            ScriptedDesktopPortal.Selection selection = scripted.selections.getLast();
            assertEquals(PortalBus.MONITOR, selection.types());
            assertEquals(PortalBus.CURSOR_EMBEDDED, selection.cursorMode());
            assertEquals(PortalBus.PERSIST_UNTIL_REVOKED, selection.persistMode());
            assertTrue(selection.restoreData().isEmpty());
        }
        Path token = data.resolve("granted.token");
        assertTrue(RestoreTokens.isUuid(Files.readString(token).strip()), "the restore token is kept");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(token)));
        String session = scripted.sessions.getLast();
        assertTrue(Poll.until(Duration.ofSeconds(5), () -> scripted.closedSessions.contains(session)),
                "closing the capture closes the desktop's screencast session");
    }

    @Test
    void aRememberedConsentStreamsWithoutAPromptAfterAReboot() throws Exception {
        try (CaptureSession first = backend.open(request("monitor:restored"), new RecordingFrameSink())) {
            assertEquals(false, first.stats().get("portal.token-offered"));
        }
        String token = Files.readString(data.resolve("restored.token")).strip();
        portal.restart();
        scripted.answer = ScriptedDesktopPortal.Answer.DENY;
        int prompts = scripted.prompts.get();
        RecordingFrameSink sink = new RecordingFrameSink();
        try (CaptureSession session = backend.open(request("monitor:restored"), sink)) {
            expectFrames(sink);
            assertEquals(prompts, scripted.prompts.get(), "no prompt: the desktop took the remembered consent");
            assertTrue(scripted.selections.getLast().restoreData().orElseThrow().contains("monitor-Virtual-1"));
            assertEquals(true, session.stats().get("portal.token-offered"));
        }
        assertEquals(token, Files.readString(data.resolve("restored.token")).strip());
    }

    @Test
    void aDeniedConsentIsAClearErrorAndRemembersNothing() {
        scripted.answer = ScriptedDesktopPortal.Answer.DENY;
        BackendException denied = assertThrows(BackendException.class,
                () -> backend.open(request("monitor:denied"), new RecordingFrameSink()));
        assertTrue(denied.getMessage().contains("the user denied the screencast"), denied.getMessage());
        assertFalse(Files.exists(data.resolve("denied.token")));
    }

    @Test
    void aTokenTheDesktopRejectsPromptsAgainInsteadOfFailing() throws Exception {
        try (CaptureSession ignored = backend.open(request("monitor:rejected"), new RecordingFrameSink())) {
            assertTrue(Files.exists(data.resolve("rejected.token")));
        }
        scripted.monitor = "Virtual-2";
        int prompts = scripted.prompts.get();
        RecordingFrameSink sink = new RecordingFrameSink();
        try (CaptureSession session = backend.open(request("monitor:rejected"), sink)) {
            expectFrames(sink);
            assertEquals(prompts + 1, scripted.prompts.get(), "the desktop asked the user again");
            assertTrue(scripted.selections.getLast().restoreData().isPresent(), "the old consent was offered first");
        }
        assertTrue(RestoreTokens.isUuid(Files.readString(data.resolve("rejected.token")).strip()),
                "the new consent is remembered");

        // rejected and then denied: nothing valid is left, so nothing is kept
        scripted.monitor = "Virtual-3";
        scripted.answer = ScriptedDesktopPortal.Answer.DENY;
        assertThrows(BackendException.class, () -> backend.open(request("monitor:rejected"),
                new RecordingFrameSink()));
        assertFalse(Files.exists(data.resolve("rejected.token")));
    }

    @Test
    void aRevokedTokenPromptsAgainInsteadOfFailing() throws Exception {
        try (CaptureSession ignored = backend.open(request("monitor:revoked"), new RecordingFrameSink())) {
            assertTrue(Files.exists(data.resolve("revoked.token")));
        }
        portal.revokeAll();
        int prompts = scripted.prompts.get();
        RecordingFrameSink sink = new RecordingFrameSink();
        try (CaptureSession ignored = backend.open(request("monitor:revoked"), sink)) {
            expectFrames(sink);
            assertEquals(prompts + 1, scripted.prompts.get());
            assertTrue(scripted.selections.getLast().restoreData().isEmpty(),
                    "the portal had nothing left to restore for the old token");
        }
        assertTrue(Files.exists(data.resolve("revoked.token")));
    }

    @Test
    void anUnansweredDialogIsDismissedAfterTheConsentTimeout() {
        scripted.answer = ScriptedDesktopPortal.Answer.IGNORE;
        int dismissed = scripted.dismissed.get();
        PortalCaptureBackend impatient = desktop.lumen(data, Duration.ofSeconds(2));
        BackendException unanswered = assertThrows(BackendException.class,
                () -> impatient.open(request("monitor:unanswered"), new RecordingFrameSink()));
        assertTrue(unanswered.getMessage().contains("nobody answered the desktop's screencast dialog within 2 s"),
                unanswered.getMessage());
        assertTrue(Poll.until(Duration.ofSeconds(5), () -> scripted.dismissed.get() == dismissed + 1),
                "the desktop's dialog was closed");
        assertFalse(Files.exists(data.resolve("unanswered.token")));
    }

    @Test
    void theDesktopEndingTheSessionEndsTheCaptureWithAClearReason() throws Exception {
        RecordingFrameSink sink = new RecordingFrameSink();
        try (CaptureSession ignored = backend.open(request("monitor:stopped"), sink)) {
            expectFrames(sink);
            scripted.endSession(scripted.sessions.getLast());
            String reason = sink.ended.get(10, TimeUnit.SECONDS);
            assertTrue(reason.contains("the desktop ended the screencast"), reason);
        }
    }

    @Test
    void lumenPortalShowsThePortalAndTheRememberedConsents() throws Exception {
        try (CaptureSession ignored = backend.open(request("monitor:shown"), new RecordingFrameSink())) {
            String shown = PortalCommand.render(backend.status(), backend.tokens().list(), backend.describeSessions());
            assertTrue(shown.contains("screencast: version 4, sources monitor+window+virtual"), shown);
            assertTrue(shown.contains("  shown since "), shown);
            assertTrue(shown.contains("PipeWire node"), shown);
            assertTrue(shown.contains("fd passing: yes"), shown);
            assertTrue(backend.probe().available(), backend.probe().toString());
        }
        PortalCommand command = new PortalCommand();
        assertFalse(backend.tokens().list().isEmpty());
        assertTrue(backend.tokens().forget("shown"));
        assertFalse(Files.exists(data.resolve("shown.token")));
        assertNotNull(command);
    }
}
