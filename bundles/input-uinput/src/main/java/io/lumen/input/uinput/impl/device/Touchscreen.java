package io.lumen.input.uinput.impl.device;

import io.lumen.api.input.Touch;
import io.lumen.input.uinput.impl.kernel.AbsAxis;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.DeviceId;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A direct multi-touch screen over the stream's pixels, speaking the kernel's protocol B: each finger holds a
 * slot from down to up, and a new contact gets a new tracking id. ABS_X/ABS_Y follow the lowest active slot, the
 * single-touch view older programs read. Hover means nothing to a touchscreen and is left out.
 */
public final class Touchscreen {

    static final DeviceId ID = new DeviceId(Codes.BUS_VIRTUAL, 0, 4, 1);
    public static final int SLOTS = 10;
    public static final int PRESSURE_MAX = 1024;
    private static final int TRACKING_ID_MAX = 0xFFFF;
    private static final long FREE = -1;

    private final VirtualDevice device;
    private final int maxX;
    private final int maxY;
    /** The client's pointer id in each slot, or FREE. */
    private final long[] pointers = new long[SLOTS];
    private final int[] slotX = new int[SLOTS];
    private final int[] slotY = new int[SLOTS];
    private int nextTrackingId;

    public Touchscreen(VirtualDevice device) {
        this.device = device;
        this.maxX = device.spec().axis(Codes.ABS_MT_POSITION_X).maximum();
        this.maxY = device.spec().axis(Codes.ABS_MT_POSITION_Y).maximum();
        Arrays.fill(pointers, FREE);
    }

    public static DeviceSpec spec(String clientName, int streamWidth, int streamHeight) {
        return new DeviceSpec(DeviceSpec.name("touchscreen", clientName), ID, new int[] {Codes.BTN_TOUCH},
                new int[0], List.of(
                        AbsAxis.of(Codes.ABS_X, 0, streamWidth - 1),
                        AbsAxis.of(Codes.ABS_Y, 0, streamHeight - 1),
                        AbsAxis.of(Codes.ABS_MT_SLOT, 0, SLOTS - 1),
                        AbsAxis.of(Codes.ABS_MT_TRACKING_ID, 0, TRACKING_ID_MAX),
                        AbsAxis.of(Codes.ABS_MT_POSITION_X, 0, streamWidth - 1),
                        AbsAxis.of(Codes.ABS_MT_POSITION_Y, 0, streamHeight - 1),
                        AbsAxis.of(Codes.ABS_MT_PRESSURE, 0, PRESSURE_MAX)),
                new int[] {Codes.INPUT_PROP_DIRECT}, new int[0], 0);
    }

    /** False when the touch was dropped: an eleventh finger. */
    public boolean accept(Touch touch) throws IOException {
        return switch (touch.action()) {
            case DOWN, MOVE -> contact(touch);
            case UP, CANCEL -> {
                int slot = slotOf(touch.pointerId());
                if (slot >= 0) {
                    lift(slot);
                    finishFrame();
                }
                yield true;
            }
            case CANCEL_ALL -> {
                liftAll();
                yield true;
            }
            case HOVER, HOVER_LEAVE, BUTTON_ONLY -> true;
        };
    }

    /** A move of a finger never seen down (a backend swapped in mid-touch) starts a contact, as a down would. */
    private boolean contact(Touch touch) throws IOException {
        int slot = slotOf(touch.pointerId());
        boolean fresh = slot < 0;
        if (fresh) {
            slot = slotOf(FREE);
            if (slot < 0) {
                return false;
            }
            pointers[slot] = touch.pointerId();
        }
        device.emit(Codes.EV_ABS, Codes.ABS_MT_SLOT, slot);
        if (fresh) {
            device.emit(Codes.EV_ABS, Codes.ABS_MT_TRACKING_ID, nextTrackingId);
            nextTrackingId = (nextTrackingId + 1) & TRACKING_ID_MAX;
        }
        slotX[slot] = DeviceSpec.scale(touch.x(), maxX);
        slotY[slot] = DeviceSpec.scale(touch.y(), maxY);
        device.emit(Codes.EV_ABS, Codes.ABS_MT_POSITION_X, slotX[slot]);
        device.emit(Codes.EV_ABS, Codes.ABS_MT_POSITION_Y, slotY[slot]);
        device.emit(Codes.EV_ABS, Codes.ABS_MT_PRESSURE, pressure(touch.pressureOrDistance()));
        finishFrame();
        return true;
    }

    /** Clients that cannot measure pressure send 0; a touching finger then reads as a moderate press. */
    static int pressure(float pressure) {
        return pressure == 0f ? PRESSURE_MAX / 2 : DeviceSpec.scale(pressure, PRESSURE_MAX);
    }

    private void lift(int slot) throws IOException {
        device.emit(Codes.EV_ABS, Codes.ABS_MT_SLOT, slot);
        device.emit(Codes.EV_ABS, Codes.ABS_MT_TRACKING_ID, -1);
        pointers[slot] = FREE;
    }

    /** BTN_TOUCH and the single-touch position follow the contacts left, then the frame ends. */
    private void finishFrame() throws IOException {
        int first = firstActive();
        if (first >= 0) {
            device.emit(Codes.EV_ABS, Codes.ABS_X, slotX[first]);
            device.emit(Codes.EV_ABS, Codes.ABS_Y, slotY[first]);
        }
        if ((first >= 0) != device.held(Codes.BTN_TOUCH)) {
            device.key(Codes.BTN_TOUCH, first >= 0);
        }
        device.sync();
    }

    /** Lifts every finger in one frame; nothing when none is down. */
    public void liftAll() throws IOException {
        if (firstActive() < 0) {
            return;
        }
        for (int slot = 0; slot < SLOTS; slot++) {
            if (pointers[slot] != FREE) {
                lift(slot);
            }
        }
        finishFrame();
    }

    private int firstActive() {
        for (int slot = 0; slot < SLOTS; slot++) {
            if (pointers[slot] != FREE) {
                return slot;
            }
        }
        return -1;
    }

    private int slotOf(long pointer) {
        for (int slot = 0; slot < SLOTS; slot++) {
            if (pointers[slot] == pointer) {
                return slot;
            }
        }
        return -1;
    }

    public VirtualDevice device() {
        return device;
    }
}
