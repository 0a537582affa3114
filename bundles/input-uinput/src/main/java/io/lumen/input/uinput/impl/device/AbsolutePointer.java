package io.lumen.input.uinput.impl.device;

import io.lumen.api.input.MousePosition;
import io.lumen.input.uinput.impl.kernel.AbsAxis;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.DeviceId;

import java.io.IOException;
import java.util.List;

/**
 * The pointer placed at absolute positions (desktop use): ABS_X/ABS_Y over the stream's pixels, like a VM's
 * tablet. Not direct (INPUT_PROP_DIRECT unset), so the desktop moves its cursor rather than treating it as a
 * touchscreen. It declares the three main buttons only so udev and libinput class it as a pointer (an absolute
 * device without buttons is ignored); the presses themselves go through the relative mouse.
 */
public final class AbsolutePointer {

    static final DeviceId ID = new DeviceId(Codes.BUS_VIRTUAL, 0, 3, 1);

    private final VirtualDevice device;
    private final int maxX;
    private final int maxY;

    public AbsolutePointer(VirtualDevice device) {
        this.device = device;
        this.maxX = device.spec().axis(Codes.ABS_X).maximum();
        this.maxY = device.spec().axis(Codes.ABS_Y).maximum();
    }

    public static DeviceSpec spec(String clientName, int streamWidth, int streamHeight) {
        return new DeviceSpec(DeviceSpec.name("pointer", clientName), ID,
                new int[] {Codes.BTN_LEFT, Codes.BTN_RIGHT, Codes.BTN_MIDDLE}, new int[0],
                List.of(AbsAxis.of(Codes.ABS_X, 0, streamWidth - 1), AbsAxis.of(Codes.ABS_Y, 0, streamHeight - 1)),
                new int[0], new int[0], 0);
    }

    /** Maps the client's reference size onto the stream so both edges are reachable. */
    public void moveTo(MousePosition position) throws IOException {
        device.emit(Codes.EV_ABS, Codes.ABS_X, onto(position.x(), position.referenceWidth(), maxX));
        device.emit(Codes.EV_ABS, Codes.ABS_Y, onto(position.y(), position.referenceHeight(), maxY));
        device.sync();
    }

    static int onto(int value, int reference, int maximum) {
        long scaled = ((long) value * maximum * 2 + (reference - 1)) / (2L * (reference - 1));
        return (int) Math.min(scaled, maximum);
    }

    public VirtualDevice device() {
        return device;
    }
}
