package io.lumen.input.remotedesktop.impl;

import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.PointerCodes;
import io.lumen.api.input.RemoteDesktop;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.TextInput;
import io.lumen.api.input.Touch;
import io.lumen.log.WarnOnce;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * One session's input into the desktop, through the remote-desktop session linked to the session's cast, from
 * whichever provider has one for it. That remote desktop is looked up when an event needs it, not at open: the
 * capture may open after the input, and a capture swap (to another provider's too) or an update of a capture bundle
 * replaces it. Until there is one, events are dropped and counted under the provider the session expects (the one
 * it streamed through last, or its capture's). The keys and buttons the session holds are pressed again on a
 * replacement, and let go of at close.
 */
final class RemoteDesktopInputSession implements InputSession {

    static final String NO_KEY_CODE = "virtual key without a Linux key code";
    static final String NO_KEYSYM = "character without a keysym";
    static final String NO_SLOT = "touch beyond the free slots";
    static final String UNDELIVERED = "not delivered to the compositor";
    /** Touch slots handed to the compositor: ten fingers and spares; Mutter refuses slots past a small limit. */
    static final int TOUCH_SLOTS = 16;

    private static final System.Logger LOG = System.getLogger("lumen.input.remotedesktop");
    private static final WarnOnce WARNINGS = new WarnOnce(LOG);

    private record Attached(RemoteDesktopProvider provider, RemoteDesktop desktop) {
    }

    private final String sessionId;
    private final Supplier<List<RemoteDesktopProvider>> providers;
    /** The capture backend whose cast the session streams, or is to stream: what a drop names. */
    private volatile String expected;
    private final IntUnaryOperator keyCodes;
    private final String description;
    private final Runnable onClose;
    private final AtomicReference<Attached> attached = new AtomicReference<>();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    /** What ended remote desktops could not deliver, kept once they are gone. */
    private final AtomicLong undeliveredBefore = new AtomicLong();
    // the session's control thread (accept and close never run at once)
    private final Set<Integer> heldKeys = new LinkedHashSet<>();
    private final Set<Integer> heldButtons = new LinkedHashSet<>();
    private final Map<Long, Integer> touchSlots = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    RemoteDesktopInputSession(String sessionId, Supplier<List<RemoteDesktopProvider>> providers, String expected,
                              IntUnaryOperator keyCodes, String description, Runnable onClose) {
        this.sessionId = sessionId;
        this.providers = providers;
        this.expected = expected;
        this.keyCodes = keyCodes;
        this.description = description;
        this.onClose = onClose;
    }

    @Override
    public void accept(InputEvent event) {
        if (closed.get()) {
            return;
        }
        switch (event) {
            case KeyChange key -> key(key);
            case MouseMove move -> withDesktop(d -> d.pointerMotionRelative(move.deltaX(), move.deltaY()));
            case MousePosition position -> withDesktop(d -> {
                double[] at = Translation.position(position, d.width(), d.height());
                d.pointerMotionAbsolute(at[0], at[1]);
            });
            case MouseButtonChange change -> {
                int button = PointerCodes.button(change.button());
                if (withDesktop(d -> d.pointerButton(button, change.pressed()))) {
                    track(heldButtons, button, change.pressed());
                }
            }
            case Scroll scroll -> scroll(scroll);
            case TextInput text -> text(text);
            case Touch touch -> touch(touch);
            default -> drop(InputKind.of(event).label() + " not injected", "a remote desktop takes no "
                    + InputKind.of(event).label() + " events");
        }
    }

    private void key(KeyChange key) {
        int code = keyCodes.applyAsInt(key.virtualKey());
        if (code <= 0) {
            drop(NO_KEY_CODE, "no Linux key code for the client's virtual key 0x"
                    + Integer.toHexString(key.virtualKey()));
            return;
        }
        if (withDesktop(d -> d.keyboardKeycode(code, key.pressed()))) {
            track(heldKeys, code, key.pressed());
        }
    }

    private void scroll(Scroll scroll) {
        if (scroll.amount() == 0) {
            return;
        }
        if (Translation.wholeNotches(scroll)) {
            withDesktop(d -> d.pointerAxisDiscrete(PointerCodes.axis(scroll.axis()), Translation.steps(scroll)));
        } else {
            double pixels = Translation.pixels(scroll);
            boolean vertical = PointerCodes.axis(scroll.axis()) == PointerCodes.AXIS_VERTICAL;
            withDesktop(d -> d.pointerAxis(vertical ? 0 : pixels, vertical ? pixels : 0, false));
        }
    }

    /** Each character as its keysym, pressed and let go: the compositor finds the key (and level) that types it. */
    private void text(TextInput text) {
        text.text().codePoints().forEach(codePoint -> {
            int keysym = Translation.keysym(codePoint);
            if (keysym == Translation.NO_KEYSYM) {
                drop(NO_KEYSYM, "no keysym types the character U+" + Integer.toHexString(codePoint));
                return;
            }
            withDesktop(d -> {
                d.keyboardKeysym(keysym, true);
                d.keyboardKeysym(keysym, false);
            });
        });
    }

    private void touch(Touch touch) {
        switch (touch.action()) {
            case DOWN, MOVE -> {
                Integer slot = touchSlots.get(touch.pointerId());
                boolean down = slot == null;
                if (down) {
                    slot = freeSlot();
                    if (slot < 0) {
                        drop(NO_SLOT, "more than " + TOUCH_SLOTS + " fingers at once; the others are dropped");
                        return;
                    }
                }
                int chosen = slot;
                if (withDesktop(d -> {
                    double[] at = Translation.position(touch.x(), touch.y(), d.width(), d.height());
                    if (down) {
                        d.touchDown(chosen, at[0], at[1]);
                    } else {
                        d.touchMotion(chosen, at[0], at[1]);
                    }
                }) && down) {
                    touchSlots.put(touch.pointerId(), chosen);
                }
            }
            // a remote desktop has no cancel: lifting is the nearest it understands
            case UP, CANCEL -> {
                Integer slot = touchSlots.remove(touch.pointerId());
                if (slot != null) {
                    withDesktop(d -> d.touchUp(slot));
                }
            }
            case CANCEL_ALL -> liftTouches();
            default -> {
                // hovering is not touching: a remote desktop has nothing for it
            }
        }
    }

    private int freeSlot() {
        for (int slot = 0; slot < TOUCH_SLOTS; slot++) {
            if (!touchSlots.containsValue(slot)) {
                return slot;
            }
        }
        return -1;
    }

    private void liftTouches() {
        List<Integer> slots = List.copyOf(touchSlots.values());
        touchSlots.clear();
        if (!slots.isEmpty()) {
            withDesktop(d -> slots.forEach(d::touchUp));
        }
    }

    private interface Send {
        void to(RemoteDesktop desktop);
    }

    /** Sends through the remote desktop there is, or counts the event dropped; true when it was sent. */
    private boolean withDesktop(Send send) {
        Optional<RemoteDesktop> desktop = desktop();
        if (desktop.isEmpty()) {
            String provider = expected;
            drop(noCast(provider), "session " + sessionId + " streams no " + provider + " cast now (its capture is"
                    + " not open yet, being replaced, or has no remote desktop); its input is dropped until one"
                    + " streams");
            return false;
        }
        send.to(desktop.get());
        return true;
    }

    /** The drop reason of events that found no remote desktop, naming the provider the session expects. */
    static String noCast(String captureBackend) {
        return "no " + captureBackend + " cast for the session";
    }

    /** The remote desktop in use, or the one the session's cast has now, from whichever provider has it. */
    private Optional<RemoteDesktop> desktop() {
        Attached current = attached.get();
        if (current != null) {
            return Optional.of(current.desktop());
        }
        Optional<Attached> found = lookUp();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Attached next = found.get();
        RemoteDesktop desktop = next.desktop();
        attached.set(next);
        expected = next.provider().captureBackend();
        // completes at once, detaching again, when it ended before we got here
        desktop.ended().whenComplete((reason, error) -> detach(next, error == null ? reason : error.toString()));
        if (attached.get() != next) {
            return Optional.empty();
        }
        LOG.log(System.Logger.Level.INFO, "Input of session " + sessionId + " goes to the remote desktop of its "
                + next.provider().captureBackend() + " cast (monitor " + desktop.width() + "x" + desktop.height()
                + "); pressing again " + heldKeys.size() + " held keys and " + heldButtons.size() + " held buttons");
        // what the client holds is down on the monitor it now sees; a touch of the old session cannot go on
        heldKeys.forEach(key -> desktop.keyboardKeycode(key, true));
        heldButtons.forEach(button -> desktop.pointerButton(button, true));
        touchSlots.clear();
        return Optional.of(desktop);
    }

    /** The first provider's remote desktop for the session: one capture streams a session, so at most one has it. */
    private Optional<Attached> lookUp() {
        for (RemoteDesktopProvider provider : providers.get()) {
            Optional<RemoteDesktop> found = provider.remoteDesktop(sessionId);
            if (found.isPresent()) {
                return Optional.of(new Attached(provider, found.get()));
            }
        }
        return Optional.empty();
    }

    private void detach(Attached ended, String reason) {
        if (attached.compareAndSet(ended, null)) {
            undeliveredBefore.addAndGet(ended.desktop().dropped());
            if (!closed.get()) {
                LOG.log(System.Logger.Level.INFO, "Input of session " + sessionId + ": the remote desktop of its "
                        + ended.provider().captureBackend() + " cast ended (" + reason + "); input waits for the"
                        + " next cast");
            }
        }
    }

    /** A provider's service went away: nothing of it is kept, the next event looks the session's up again. */
    void providerGone(RemoteDesktopProvider gone) {
        Attached current = attached.get();
        if (current != null && current.provider().service() == gone.service()) {
            detach(current, gone.captureBackend() + "'s remote desktops went away");
        }
    }

    private void drop(String reason, String message) {
        dropped.computeIfAbsent(reason, r -> new LongAdder()).increment();
        WARNINGS.warn(reason, message);
    }

    private static void track(Set<Integer> held, int code, boolean pressed) {
        if (pressed) {
            held.add(code);
        } else {
            held.remove(code);
        }
    }

    @Override
    public Map<String, Long> dropped() {
        Map<String, Long> counts = new TreeMap<>();
        dropped.forEach((reason, count) -> counts.put(reason, count.sum()));
        Attached current = attached.get();
        long undelivered = undeliveredBefore.get() + (current == null ? 0 : current.desktop().dropped());
        if (undelivered > 0) {
            counts.put(UNDELIVERED, undelivered);
        }
        return counts;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Integer> keys = List.copyOf(heldKeys);
        List<Integer> buttons = List.copyOf(heldButtons);
        List<Integer> slots = List.copyOf(touchSlots.values());
        heldKeys.clear();
        heldButtons.clear();
        touchSlots.clear();
        Attached current = attached.getAndSet(null);
        if (current != null) {
            RemoteDesktop desktop = current.desktop();
            keys.forEach(key -> desktop.keyboardKeycode(key, false));
            buttons.forEach(button -> desktop.pointerButton(button, false));
            slots.forEach(desktop::touchUp);
            undeliveredBefore.addAndGet(desktop.dropped());
        }
        onClose.run();
        LOG.log(System.Logger.Level.INFO, "Remote-desktop input closed: " + description + "; released " + keys.size()
                + " keys and " + buttons.size() + " buttons; dropped " + dropped());
    }
}
