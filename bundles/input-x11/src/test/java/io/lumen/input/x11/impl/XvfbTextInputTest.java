package io.lumen.input.x11.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.KeyCodes;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.TextInput;
import io.lumen.input.x11.impl.xlib.KeyboardMapping;
import io.lumen.input.x11.impl.xlib.XConnection;
import io.lumen.testkit.Poll;
import io.lumen.testkit.x11.XevWindow;
import io.lumen.testkit.x11.XevWindow.Typed;
import io.lumen.testkit.x11.XvfbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Text typed into a real Xvfb, checked by what an X application makes of the keys: an xev window that has the focus
 * reports the keysym and the text its keymap lookup gave every key press. The server's own mapping is read back
 * through a connection of the test's to check that borrowed keycodes are emptied again.
 */
class XvfbTextInputTest {

    static final String SESSION = "s1";
    static final Duration WAIT = Duration.ofSeconds(5);
    /** Xvfb's default keymap (evdev, us): a and 1 unshifted, Shift_L. */
    static final int X_A = 38;
    static final int X_Q = 24;
    static final int X_1 = 10;
    static final int X_SHIFT = 50;

    private static XvfbServer xvfb;
    private static X11InputBackend backend;
    private static XConnection reader;
    private XevWindow window;
    /** The server's mapping when the test began. */
    private KeyboardMapping initial;
    private InputSession session;

    @BeforeAll
    static void startServer() throws Exception {
        XvfbServer.skipReason().ifPresent(reason -> assumeTrue(false, reason));
        XevWindow.skipReason().ifPresent(reason -> assumeTrue(false, reason));
        xvfb = XvfbServer.start();
        backend = new X11InputBackend(KeyCodes::linux, X11Settings.of(xvfb.display()));
        reader = backend.connect();
    }

    @AfterAll
    static void stopServer() {
        if (reader != null) {
            reader.close();
        }
        if (backend != null) {
            backend.deactivate();
        }
        if (xvfb != null) {
            xvfb.close();
        }
    }

    @BeforeEach
    void openWindow() throws Exception {
        initial = mapping();
        session = backend.open(new InputRequest(SESSION, "test client", 1280, 720, Map.of()), feedback -> { });
        window = XevWindow.open(xvfb.display(), 0, 0, 400, 300);
        window.awaitFocus(() -> send(new MousePosition(SESSION, 1000, 600, 1280, 720),
                new MousePosition(SESSION, 200, 150, 1280, 720)), WAIT);
        // a Shift tap: xev's keymap is loaded before any test binds a spare keycode
        window.awaitFirstLookup(() -> send(new KeyChange(SESSION, 0x10, true, 0, false),
                new KeyChange(SESSION, 0x10, false, 0, false)), WAIT);
    }

    @AfterEach
    void closeWindow() {
        if (session != null) {
            session.close();
        }
        if (window != null) {
            window.close();
        }
    }

    private void send(InputEvent... events) {
        try {
            for (InputEvent event : events) {
                session.accept(event);
            }
        } catch (BackendException e) {
            throw new AssertionError(e);
        }
    }

    private void type(String... characters) {
        for (String character : characters) {
            send(new TextInput(SESSION, character));
        }
    }

    private static KeyboardMapping mapping() throws Exception {
        int[] range = reader.keycodeRange();
        return reader.keyboardMapping(range[0], range[1]);
    }

    private static long[] row(KeyboardMapping mapping, int keycode) {
        long[] row = new long[mapping.perKeycode()];
        Arrays.setAll(row, index -> mapping.keysym(keycode, index));
        return row;
    }

    /** Polls the server's mapping until it is the one the server started with again. */
    private void awaitInitialMapping(Duration timeout) throws Exception {
        // the row-by-row comparison below shows what differs if the mapping never came back
        Poll.every(Duration.ofMillis(5)).holdsWithin(timeout, () -> {
            try {
                return sameAsInitial(mapping());
            } catch (Exception e) {
                throw new AssertionError("reading the keyboard mapping failed", e);
            }
        });
        KeyboardMapping now = mapping();
        for (int keycode = initial.minKeycode(); keycode <= initial.maxKeycode(); keycode++) {
            assertArrayEquals(row(initial, keycode), row(now, keycode), "keycode " + keycode + "'s keysyms");
        }
    }

    private boolean sameAsInitial(KeyboardMapping now) {
        for (int keycode = initial.minKeycode(); keycode <= initial.maxKeycode(); keycode++) {
            if (!Arrays.equals(row(initial, keycode), row(now, keycode))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void textIsAKindTheBackendInjects() {
        assertTrue(backend.kinds().contains(InputKind.TEXT));
    }

    @Test
    void charactersOnTheKeymapAreTypedWithTheirKeysAndShiftWithoutChangingIt() {
        int notices = window.mappingNotices();
        type("a", "A", "!");
        assertEquals(List.of(new Typed(true, X_A, 'a', "a"), new Typed(true, X_SHIFT, 0xffe1, ""),
                new Typed(true, X_A, 'A', "A"), new Typed(true, X_SHIFT, 0xffe1, ""),
                new Typed(true, X_1, '!', "!")), window.awaitPresses(5, WAIT));
        assertEquals(notices, window.mappingNotices(), "no keymap change");
        assertEquals(5, window.awaitEvents(10, WAIT).stream().filter(t -> !t.pressed()).count(), "each released");
    }

    @Test
    void charactersOnNoKeyAreTypedThroughABorrowedEmptyKeycodeThatIsEmptiedAgain() throws Exception {
        String emoji = "\uD83D\uDE00";
        assertEquals(4, emoji.getBytes(StandardCharsets.UTF_8).length, "one supplementary code point");
        type("é", "€", "→", emoji);
        List<Typed> presses = window.awaitPresses(4, WAIT);
        assertEquals(List.of("é", "€", "→", emoji), presses.stream().map(Typed::text).toList(), presses::toString);
        // Latin-1 is its own keysym; everything else the code point plus 0x01000000
        assertEquals(List.of(0xe9L, 0x10020acL, 0x1002192L, 0x101f600L),
                presses.stream().map(Typed::keysym).toList());
        for (Typed press : presses) {
            assertTrue(initial.isEmpty(press.keycode()), press + " is on a keycode that was empty");
        }
        assertEquals(4, presses.stream().map(Typed::keycode).distinct().count(), "consecutive characters on "
                + "different keycodes: " + presses);
        awaitInitialMapping(SpareKeys.HOLD.plus(WAIT));
        List<Typed> releases = window.awaitEvents(8, WAIT).stream().filter(t -> !t.pressed()).toList();
        assertEquals(presses.stream().map(Typed::keysym).toList(), releases.stream().map(Typed::keysym).toList(),
                "each release still looked up as its character (the key was not emptied under the client)");
    }

    @Test
    void aRepeatedCharacterReusesItsKeyWithoutAnotherKeymapChange() {
        type("€");
        Typed first = window.awaitPresses(1, WAIT).getFirst();
        int notices = window.mappingNotices();
        type("€", "€");
        List<Typed> again = window.awaitPresses(2, WAIT);
        assertEquals(List.of(first, first), again);
        assertEquals(notices, window.mappingNotices(), "no keymap change for the repeats");
    }

    @Test
    void heldShiftDoesNotTurnTextIntoCapitals() {
        send(new KeyChange(SESSION, 0x10, true, 0, false));
        type("a", "1");
        send(new KeyChange(SESSION, 0x10, false, 0, false));
        List<Typed> presses = window.awaitPresses(3, WAIT);
        assertEquals(X_SHIFT, presses.getFirst().keycode());
        assertEquals(List.of("a", "1"), presses.subList(1, 3).stream().map(Typed::text).toList(), presses::toString);
    }

    @Test
    void capsLockDoesNotChangeTheCaseOfText() throws Exception {
        send(new KeyChange(SESSION, 0x14, true, 0, false), new KeyChange(SESSION, 0x14, false, 0, false));
        try {
            type("a", "B", "1");
            List<Typed> typed = window.awaitText(3, WAIT);
            assertEquals(List.of("a", "B", "1"), typed.stream().map(Typed::text).toList(), typed::toString);
            assertEquals(List.of(X_A, 56, 10), typed.stream().map(Typed::keycode).toList(),
                    "letters on the keymap's keys, with Caps Lock off around them; the digit on its own key");
            assertTrue(reader.keyboardState().has(XConnection.KeyboardState.LOCK), "and Caps Lock on again");
        } finally {
            send(new KeyChange(SESSION, 0x14, true, 0, false), new KeyChange(SESSION, 0x14, false, 0, false));
        }
    }

    @Test
    void aNewlineIsTheReturnKey() {
        type("\n");
        assertEquals(List.of(new Typed(true, 36, 0xff0d, "\r")), window.awaitPresses(1, WAIT));
    }

    @Test
    void aSpareSomethingElseBoundMeanwhileIsNotEmptied() throws Exception {
        type("€");
        int spare = window.awaitPresses(1, WAIT).getFirst().keycode();
        reader.remap(spare, 0x1002603L, 0x1002603L);
        try {
            Poll.every(Duration.ofMillis(5)).awaits("the session to give its borrowed keys back",
                    SpareKeys.HOLD.plus(WAIT), () -> !(session instanceof X11InputSession live
                            && live.describe().contains("borrowed")));
            assertEquals(0x1002603L, mapping().keysym(spare, 0), "the other client's binding stays");
        } finally {
            reader.remap(spare);
        }
    }

    @Test
    void closingEmptiesTheBorrowedKeycodesAtOnce() throws Exception {
        type("€");
        window.awaitPresses(1, WAIT);
        session.close();
        session = null;
        awaitInitialMapping(Duration.ZERO);
    }

    @Test
    void aNonNormalizedLetterIsTheKeyCarryingItOnTheHostsLayout() throws Exception {
        // an AZERTY-like server: a and q change places
        reader.remap(X_A, 'q', 'Q');
        reader.remap(X_Q, 'a', 'A');
        try {
            KeyChange[] keys = {new KeyChange(SESSION, 'A', true, 0, true), new KeyChange(SESSION, 'A', false, 0,
                    true), new KeyChange(SESSION, 'A', true, 0, false), new KeyChange(SESSION, 'A', false, 0, false),
                    new KeyChange(SESSION, 0xBA, true, 0, true), new KeyChange(SESSION, 0xBA, false, 0, true)};
            send(keys);
            List<Typed> presses = window.awaitPresses(3, WAIT);
            assertEquals(List.of(X_Q, X_A, 47), presses.stream().map(Typed::keycode).toList(),
                    "VK_A non-normalized is the key typing a; normalized the US A position; VK_OEM_1 has no "
                            + "character, so its US position (KEY_SEMICOLON) either way");
            assertEquals(List.of("a", "q", ";"), presses.stream().map(Typed::text).toList());
            List<Integer> released = window.awaitEvents(6, WAIT).stream().filter(t -> !t.pressed())
                    .map(Typed::keycode).toList();
            assertEquals(List.of(X_Q, X_A, 47), released, "each release lifts the key its press pressed");
        } finally {
            reader.remap(X_A, row(initial, X_A));
            reader.remap(X_Q, row(initial, X_Q));
        }
    }
}
