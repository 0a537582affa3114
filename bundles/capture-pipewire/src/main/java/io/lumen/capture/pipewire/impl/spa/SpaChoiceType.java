package io.lumen.capture.pipewire.impl.spa;

/** {@code enum spa_choice_type} of {@code spa/pod/pod.h} (PipeWire 0.3.65), numbered by ordinal. */
public enum SpaChoiceType {
    /** One value, already fixed; negotiated formats still wrap values this way. */
    NONE("None", 1),
    /** Default, minimum, maximum. */
    RANGE("Range", 3),
    /** Default, minimum, maximum, step. */
    STEP("Step", 4),
    /** Default, then the alternatives. */
    ENUM("Enum", 1),
    /** Default, then the flags that may be set. */
    FLAGS("Flags", 1);

    private final String spaName;
    private final int minimumValues;

    SpaChoiceType(String spaName, int minimumValues) {
        this.spaName = spaName;
        this.minimumValues = minimumValues;
    }

    /** The spelling of spa and pw-dump ("Range"). */
    public String spaName() {
        return spaName;
    }

    public int number() {
        return ordinal();
    }

    /** Values a choice of this kind carries at least; spa tolerates more and ignores them. */
    public int minimumValues() {
        return minimumValues;
    }

    public static SpaChoiceType ofNumber(int number) throws SpaPodException {
        SpaChoiceType[] all = values();
        if (number < 0 || number >= all.length) {
            throw new SpaPodException("unknown choice type " + Integer.toUnsignedString(number));
        }
        return all[number];
    }
}
