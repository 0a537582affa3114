package io.lumen.input.uinput.impl.device;

import io.lumen.input.uinput.impl.kernel.AbsAxis;
import io.lumen.input.uinput.impl.kernel.DeviceId;

import java.util.List;

/**
 * What one virtual device announces before it is created: its identity and every code it may send. The event
 * types follow from the codes (keys need EV_KEY, and so on), so the two cannot disagree.
 *
 * @param ffEffects    force-feedback effect types (FF_*) it plays; none for devices without feedback
 * @param ffEffectsMax how many effects programs may upload at once; 0 without feedback
 */
public record DeviceSpec(String name, DeviceId id, int[] keys, int[] relativeAxes, List<AbsAxis> absoluteAxes,
                         int[] properties, int[] ffEffects, int ffEffectsMax) {

    public DeviceSpec {
        keys = keys.clone();
        relativeAxes = relativeAxes.clone();
        absoluteAxes = List.copyOf(absoluteAxes);
        properties = properties.clone();
        ffEffects = ffEffects.clone();
        if ((ffEffects.length == 0) != (ffEffectsMax == 0)) {
            throw new IllegalArgumentException(name + ": force-feedback types and effect count go together");
        }
    }

    @Override
    public int[] keys() {
        return keys.clone();
    }

    @Override
    public int[] relativeAxes() {
        return relativeAxes.clone();
    }

    @Override
    public int[] properties() {
        return properties.clone();
    }

    @Override
    public int[] ffEffects() {
        return ffEffects.clone();
    }

    /** "lumen keyboard (Steam Deck)": what the desktop's device lists show, so users can tell whose it is. */
    public static String name(String kind, String clientName) {
        return clientName.isBlank() ? "lumen " + kind : "lumen " + kind + " (" + clientName.strip() + ")";
    }

    /** {@code fraction} (0..1) of the way from 0 to {@code maximum}, rounded. */
    static int scale(float fraction, int maximum) {
        return Math.clamp(Math.round(fraction * maximum), 0, maximum);
    }

    /** The range of {@code code}'s axis; a device only sends axes it declared. */
    public AbsAxis axis(int code) {
        for (AbsAxis axis : absoluteAxes) {
            if (axis.code() == code) {
                return axis;
            }
        }
        throw new IllegalArgumentException(name + " has no absolute axis " + code);
    }
}
