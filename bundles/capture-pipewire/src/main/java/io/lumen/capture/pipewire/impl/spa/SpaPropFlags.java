package io.lumen.capture.pipewire.impl.spa;

/** Flags of an object property ({@code SPA_POD_PROP_FLAG_*}, {@code spa/pod/pod.h}, PipeWire 0.3.65). */
public final class SpaPropFlags {

    public static final int READONLY = 1;
    public static final int HARDWARE = 1 << 1;
    public static final int HINT_DICT = 1 << 2;
    /** Both sides must have the property, or the formats do not intersect. */
    public static final int MANDATORY = 1 << 3;
    /** PipeWire leaves the choice open so the allocating side can pick (DMA-BUF modifiers). */
    public static final int DONT_FIXATE = 1 << 4;

    private SpaPropFlags() {
    }
}
