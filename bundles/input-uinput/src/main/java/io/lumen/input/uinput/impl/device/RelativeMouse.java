package io.lumen.input.uinput.impl.device;

import io.lumen.api.input.MouseButton;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.ScrollAxis;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.DeviceId;

import java.io.IOException;
import java.util.List;

/**
 * The mouse: relative motion, five buttons and both wheels. The wheels report high resolution (1/120 notch, the
 * unit clients send) and, for programs that read only whole notches, the classic wheel once per whole notch the
 * high-resolution amounts add up to: the same pairing a real high-resolution mouse sends.
 * <p>
 * It carries every button press, also while the pointer is positioned absolutely: buttons act where the pointer
 * is, whichever device moved it.
 */
public final class RelativeMouse {

    static final DeviceId ID = new DeviceId(Codes.BUS_VIRTUAL, 0, 2, 1);

    private final VirtualDevice device;
    /** High-resolution units not yet reported as a whole notch, per axis; keeps the sign of the last scroll. */
    private int verticalRemainder;
    private int horizontalRemainder;

    public RelativeMouse(VirtualDevice device) {
        this.device = device;
    }

    public static DeviceSpec spec(String clientName) {
        return new DeviceSpec(DeviceSpec.name("mouse", clientName), ID,
                new int[] {Codes.BTN_LEFT, Codes.BTN_RIGHT, Codes.BTN_MIDDLE, Codes.BTN_SIDE, Codes.BTN_EXTRA},
                new int[] {Codes.REL_X, Codes.REL_Y, Codes.REL_HWHEEL, Codes.REL_WHEEL, Codes.REL_WHEEL_HI_RES,
                        Codes.REL_HWHEEL_HI_RES},
                List.of(), new int[0], new int[0], 0);
    }

    public void move(int deltaX, int deltaY) throws IOException {
        if (deltaX == 0 && deltaY == 0) {
            return;
        }
        if (deltaX != 0) {
            device.emit(Codes.EV_REL, Codes.REL_X, deltaX);
        }
        if (deltaY != 0) {
            device.emit(Codes.EV_REL, Codes.REL_Y, deltaY);
        }
        device.sync();
    }

    public void button(MouseButton button, boolean pressed) throws IOException {
        device.key(code(button), pressed);
        device.sync();
    }

    static int code(MouseButton button) {
        return switch (button) {
            case LEFT -> Codes.BTN_LEFT;
            case MIDDLE -> Codes.BTN_MIDDLE;
            case RIGHT -> Codes.BTN_RIGHT;
            case X1 -> Codes.BTN_SIDE;
            case X2 -> Codes.BTN_EXTRA;
        };
    }

    /** Both Scroll and the kernel count up (away from the user) and right as positive. */
    public void scroll(Scroll scroll) throws IOException {
        int amount = scroll.amount();
        if (amount == 0) {
            return;
        }
        boolean vertical = scroll.axis() == ScrollAxis.VERTICAL;
        int remainder = (vertical ? verticalRemainder : horizontalRemainder) + amount;
        int notches = remainder / Scroll.NOTCH;
        remainder -= notches * Scroll.NOTCH;
        if (vertical) {
            verticalRemainder = remainder;
        } else {
            horizontalRemainder = remainder;
        }
        device.emit(Codes.EV_REL, vertical ? Codes.REL_WHEEL_HI_RES : Codes.REL_HWHEEL_HI_RES, amount);
        if (notches != 0) {
            device.emit(Codes.EV_REL, vertical ? Codes.REL_WHEEL : Codes.REL_HWHEEL, notches);
        }
        device.sync();
    }

    public VirtualDevice device() {
        return device;
    }
}
