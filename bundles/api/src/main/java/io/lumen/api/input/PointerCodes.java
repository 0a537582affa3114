package io.lumen.api.input;

/**
 * The numbers Linux pointer APIs take for the client's buttons and scroll axes: evdev's {@code BTN_*} codes
 * ({@code linux/input-event-codes.h}), which compositors' remote-input interfaces take as they are, and the axis
 * numbers of Wayland's {@code wl_pointer.axis}, which they use for scrolling. Since 2.2.
 */
public final class PointerCodes {

    /** {@code WL_POINTER_AXIS_VERTICAL_SCROLL}. */
    public static final int AXIS_VERTICAL = 0;
    /** {@code WL_POINTER_AXIS_HORIZONTAL_SCROLL}. */
    public static final int AXIS_HORIZONTAL = 1;

    private PointerCodes() {
    }

    /** The Linux {@code BTN_*} code of {@code button}. */
    public static int button(MouseButton button) {
        return switch (button) {
            case LEFT -> 0x110;
            case RIGHT -> 0x111;
            case MIDDLE -> 0x112;
            case X1 -> 0x113; // BTN_SIDE: back
            case X2 -> 0x114; // BTN_EXTRA: forward
        };
    }

    /** The {@code wl_pointer} axis number of {@code axis}. */
    public static int axis(ScrollAxis axis) {
        return axis == ScrollAxis.VERTICAL ? AXIS_VERTICAL : AXIS_HORIZONTAL;
    }
}
