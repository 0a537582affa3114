package io.lumen.input.uinput.impl.device;

import io.lumen.api.input.KeyChange;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.DeviceId;

import java.io.IOException;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * A full keyboard: every KEY_* from KEY_ESC to KEY_MICMUTE, so whatever key the client's table names exists. No
 * EV_REP: the desktop repeats held keys itself (X servers and Wayland clients do), and clients send no repeats.
 */
public final class Keyboard {

    static final DeviceId ID = new DeviceId(Codes.BUS_VIRTUAL, 0, 1, 1);

    private final VirtualDevice device;
    private final IntUnaryOperator keyCodes;

    /**
     * @param keyCodes the client's virtual-key code to a KEY_* code, 0 for none ({@code KeyCodes::linux})
     */
    public Keyboard(VirtualDevice device, IntUnaryOperator keyCodes) {
        this.device = device;
        this.keyCodes = keyCodes;
    }

    public static DeviceSpec spec(String clientName) {
        int[] keys = new int[Codes.KEY_LAST - Codes.KEY_FIRST + 1];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Codes.KEY_FIRST + i;
        }
        return new DeviceSpec(DeviceSpec.name("keyboard", clientName), ID, keys, new int[0], List.of(), new int[0],
                new int[0], 0);
    }

    /** Presses or releases the key; false when the client's code maps to no key this keyboard has. */
    public boolean accept(KeyChange change) throws IOException {
        int code = keyCodes.applyAsInt(change.virtualKey());
        if (code < Codes.KEY_FIRST || code > Codes.KEY_LAST) {
            return false;
        }
        device.key(code, change.pressed());
        device.sync();
        return true;
    }

    public VirtualDevice device() {
        return device;
    }
}
