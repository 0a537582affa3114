package io.lumen.input.mutter.impl;

import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.PointerCodes;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.TextInput;
import io.lumen.api.input.Touch;
import io.lumen.capture.mutter.MutterCasts;
import io.lumen.capture.mutter.MutterRemoteDesktop;
import io.lumen.nativeaccess.WarnOnce;

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
 * One session's input into Mutter, through the remote-desktop session linked to the session's cast. That remote
 * desktop is looked up when an event needs it, not at open: the capture may open after the input, and a capture
 * swap or an update of capture-mutter replaces it. Until there is one, events are dropped and counted. The keys and
 * buttons the session holds are pressed again on a replacement, and let go of at close.
 */
final class MutterInputSession implements InputSession {

    static final String NO_CAST = "no Mutter cast for the session";
    static final String NO_KEY_CODE = "virtual key without a Linux key code";
    static final String NO_KEYSYM = "character without a keysym";
    static final String NO_SLOT = "touch beyond the free slots";
    static final String UNDELIVERED = "not delivered to Mutter";
    /** Touch slots handed to Mutter: ten fingers and spares; Mutter refuses slots past a small limit. */
    static final int TOUCH_SLOTS = 16;

    private static final System.Logger LOG = System.getLogger("lumen.input.mutter");
    private static final WarnOnce WARNINGS = new WarnOnce(LOG);

    private record Attached(MutterCasts casts, MutterRemoteDesktop desktop) {
    }

    private final String sessionId;
    private final Supplier<Optional<MutterCasts>> casts;
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

    MutterInputSession(String sessionId, Supplier<Optional<MutterCasts>> casts, IntUnaryOperator keyCodes,
                       String description, Runnable onClose) {
        this.sessionId = sessionId;
        this.casts = casts;
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
            default -> drop(InputKind.of(event).label() + " not injected", "Mutter's remote desktop takes no "
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

    /** Each character as its keysym, pressed and let go: Mutter finds the key (and level) that types it. */
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
            // Mutter has no cancel: lifting is the nearest it understands
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
        void to(MutterRemoteDesktop desktop);
    }

    /** Sends through the remote desktop there is, or counts the event dropped; true when it was sent. */
    private boolean withDesktop(Send send) {
        Optional<MutterRemoteDesktop> desktop = desktop();
        if (desktop.isEmpty()) {
            drop(NO_CAST, "session " + sessionId + " streams no Mutter cast now (its capture is not Mutter's, not"
                    + " open yet, or being replaced); its input is dropped until one streams");
            return false;
        }
        send.to(desktop.get());
        return true;
    }

    /** The remote desktop in use, or the one the session's cast has now. */
    private Optional<MutterRemoteDesktop> desktop() {
        Attached current = attached.get();
        if (current != null) {
            return Optional.of(current.desktop());
        }
        Optional<MutterCasts> service = casts.get();
        if (service.isEmpty()) {
            return Optional.empty();
        }
        Optional<MutterRemoteDesktop> found = service.get().remoteDesktop(sessionId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MutterRemoteDesktop desktop = found.get();
        Attached next = new Attached(service.get(), desktop);
        attached.set(next);
        // completes at once, detaching again, when it ended before we got here
        desktop.ended().whenComplete((reason, error) -> detach(next, error == null ? reason : error.toString()));
        if (attached.get() != next) {
            return Optional.empty();
        }
        LOG.log(System.Logger.Level.INFO, "Mutter input of session " + sessionId + " goes to the remote desktop of"
                + " its cast (monitor " + desktop.width() + "x" + desktop.height() + "); pressing again "
                + heldKeys.size() + " held keys and " + heldButtons.size() + " held buttons");
        // what the client holds is down on the monitor it now sees; a touch of the old session cannot go on
        heldKeys.forEach(key -> desktop.keyboardKeycode(key, true));
        heldButtons.forEach(button -> desktop.pointerButton(button, true));
        touchSlots.clear();
        return Optional.of(desktop);
    }

    private void detach(Attached ended, String reason) {
        if (attached.compareAndSet(ended, null)) {
            undeliveredBefore.addAndGet(ended.desktop().dropped());
            if (!closed.get()) {
                LOG.log(System.Logger.Level.INFO, "Mutter input of session " + sessionId + ": the remote desktop"
                        + " of its cast ended (" + reason + "); input waits for the next cast");
            }
        }
    }

    /** capture-mutter's service went away: nothing of it is kept, the next event looks the new one up. */
    void castsGone(MutterCasts gone) {
        Attached current = attached.get();
        if (current != null && current.casts() == gone) {
            detach(current, "capture-mutter went away");
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
            MutterRemoteDesktop desktop = current.desktop();
            keys.forEach(key -> desktop.keyboardKeycode(key, false));
            buttons.forEach(button -> desktop.pointerButton(button, false));
            slots.forEach(desktop::touchUp);
            undeliveredBefore.addAndGet(desktop.dropped());
        }
        onClose.run();
        LOG.log(System.Logger.Level.INFO, "Mutter input closed: " + description + "; released " + keys.size()
                + " keys and " + buttons.size() + " buttons; dropped " + dropped());
    }
}
