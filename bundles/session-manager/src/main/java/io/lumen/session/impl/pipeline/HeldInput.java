package io.lumen.session.impl.pipeline;

import io.lumen.api.input.GamepadArrival;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.InputEvent;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.MouseButtonChange;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a session's client holds down and has plugged in, as the events it sent say: the keys and mouse buttons
 * down, and each pad's arrival and last state. From it, the events that let go of all of it (a session's end, a
 * backend leaving) and the events that bring it back on a backend that takes over. Guarded by the input stage.
 */
final class HeldInput {

    private final String sessionId;
    /** Pressed keys by virtual key, in the order they went down; the press as it came. */
    private final Map<Integer, KeyChange> keys = new LinkedHashMap<>();
    private final Set<MouseButton> buttons = EnumSet.noneOf(MouseButton.class);
    private final Map<Integer, GamepadArrival> arrivals = new LinkedHashMap<>();
    private final Map<Integer, GamepadState> pads = new LinkedHashMap<>();

    HeldInput(String sessionId) {
        this.sessionId = sessionId;
    }

    /** Follows one event the client sent. */
    void track(InputEvent event) {
        switch (event) {
            case KeyChange key when key.pressed() -> keys.putIfAbsent(key.virtualKey(), key);
            case KeyChange key -> keys.remove(key.virtualKey());
            case MouseButtonChange change when change.pressed() -> buttons.add(change.button());
            case MouseButtonChange change -> buttons.remove(change.button());
            case GamepadArrival arrival -> arrivals.put(arrival.controllerNumber(), arrival);
            case GamepadState state when state.connected() -> pads.put(state.controllerNumber(), state);
            case GamepadState state -> {
                pads.remove(state.controllerNumber());
                arrivals.remove(state.controllerNumber());
            }
            default -> { }
        }
    }

    /** Releases every key and button, unplugs every pad; what a backend that goes gets before it closes. */
    List<InputEvent> releases() {
        List<InputEvent> out = new ArrayList<>();
        List<KeyChange> pressed = new ArrayList<>(keys.values());
        for (int i = pressed.size() - 1; i >= 0; i--) { // modifiers last, as a typist lets go
            KeyChange press = pressed.get(i);
            out.add(new KeyChange(sessionId, press.virtualKey(), false, 0, press.nonNormalized()));
        }
        for (MouseButton button : buttons) {
            out.add(new MouseButtonChange(sessionId, button, false));
        }
        int plugged = 0;
        for (int pad : pads.keySet()) {
            plugged |= 1 << pad;
        }
        for (int pad : pads.keySet()) {
            plugged &= ~(1 << pad);
            out.add(new GamepadState(sessionId, pad, plugged, 0, 0, 0, 0, 0, 0, 0));
        }
        return out;
    }

    /** Plugs the pads back in and presses what is held; what a backend that takes over gets after it opened. */
    List<InputEvent> replay() {
        List<InputEvent> out = new ArrayList<>();
        for (Map.Entry<Integer, GamepadState> pad : pads.entrySet()) {
            GamepadArrival arrival = arrivals.get(pad.getKey());
            if (arrival != null) {
                out.add(arrival);
            }
            out.add(pad.getValue());
        }
        out.addAll(keys.values());
        for (MouseButton button : buttons) {
            out.add(new MouseButtonChange(sessionId, button, true));
        }
        return out;
    }

    /** Forgets everything: the session ended and its releases went out. */
    void clear() {
        keys.clear();
        buttons.clear();
        arrivals.clear();
        pads.clear();
    }

    /** "key 0x10", "button LEFT", "pad 0", for diagnostics. */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        keys.keySet().forEach(vk -> out.add(String.format("key 0x%02x", vk)));
        buttons.forEach(b -> out.add("button " + b));
        pads.keySet().forEach(p -> out.add("pad " + p));
        return out;
    }
}
