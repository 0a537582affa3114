package io.lumen.input.uinput.impl.kernel;

/**
 * One absolute axis as uinput_abs_setup declares it.
 *
 * @param fuzz       changes smaller than this are filtered by the kernel as noise
 * @param flat       the dead zone around the centre that joystick users treat as rest
 * @param resolution units per millimetre (per radian for tilt), 0 when unknown
 */
public record AbsAxis(int code, int minimum, int maximum, int fuzz, int flat, int resolution) {

    public AbsAxis {
        if (minimum > maximum) {
            throw new IllegalArgumentException("axis " + code + ": minimum " + minimum + " above maximum " + maximum);
        }
    }

    public static AbsAxis of(int code, int minimum, int maximum) {
        return new AbsAxis(code, minimum, maximum, 0, 0, 0);
    }
}
