package io.lumen.input.uinput.impl;

import io.lumen.api.input.GamepadArrival;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.InputFeedback;
import io.lumen.input.uinput.impl.device.Gamepad;
import io.lumen.input.uinput.impl.device.VirtualDevice;
import io.lumen.input.uinput.impl.ff.FeedbackLoop;
import io.lumen.input.uinput.impl.ff.FfRequests;
import io.lumen.input.uinput.impl.ff.ForceFeedback;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A session's virtual pads, one per controller number the client uses: plugged in at the pad's arrival (or its
 * first state), unplugged when a state says so or the session closes. The feedback loop that answers their
 * rumble starts with the first pad.
 */
final class Pads implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.input.uinput");

    private record Pad(Gamepad gamepad, FfRequests requests) {
    }

    private final String sessionId;
    private final String clientName;
    private final PortOpener opener;
    private final InputFeedback feedback;
    private final LongSupplier clockMillis;
    private final Map<Integer, Pad> pads = new TreeMap<>();
    private FeedbackLoop loop;

    Pads(String sessionId, String clientName, PortOpener opener, InputFeedback feedback, LongSupplier clockMillis) {
        this.sessionId = sessionId;
        this.clientName = clientName;
        this.opener = opener;
        this.feedback = feedback;
        this.clockMillis = clockMillis;
    }

    void arrive(GamepadArrival arrival) throws IOException {
        plugIn(arrival.controllerNumber());
    }

    void state(GamepadState state) throws IOException {
        if (!state.connected()) {
            unplug(state.controllerNumber());
            return;
        }
        plugIn(state.controllerNumber()).gamepad().apply(state);
    }

    boolean has(int controllerNumber) {
        return pads.containsKey(controllerNumber);
    }

    private Pad plugIn(int controllerNumber) throws IOException {
        Pad pad = pads.get(controllerNumber);
        if (pad != null) {
            return pad;
        }
        VirtualDevice device = VirtualDevice.create(opener.open(), Gamepad.spec(clientName, controllerNumber));
        ForceFeedback rumble = new ForceFeedback(controllerNumber, Gamepad.FF_EFFECTS_MAX, feedback);
        pad = new Pad(new Gamepad(device, controllerNumber), new FfRequests(device.port(), rumble));
        try {
            if (loop == null) {
                loop = FeedbackLoop.start("lumen uinput rumble " + sessionId, clockMillis);
            }
        } catch (IOException e) {
            device.close();
            pad.requests().close();
            throw e;
        }
        loop.add(pad.requests());
        pads.put(controllerNumber, pad);
        LOG.log(System.Logger.Level.INFO, "session " + sessionId + ": pad " + controllerNumber + " plugged in");
        return pad;
    }

    private void unplug(int controllerNumber) {
        Pad pad = pads.remove(controllerNumber);
        if (pad != null) {
            loop.remove(pad.requests());
            pad.gamepad().device().close();
            pad.requests().close();
            LOG.log(System.Logger.Level.INFO, "session " + sessionId + ": pad " + controllerNumber + " unplugged");
        }
    }

    @Override
    public void close() {
        for (Integer controllerNumber : pads.keySet().toArray(Integer[]::new)) {
            unplug(controllerNumber);
        }
        if (loop != null) {
            loop.close();
            loop = null;
        }
    }
}
