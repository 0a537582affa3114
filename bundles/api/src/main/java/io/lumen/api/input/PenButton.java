package io.lumen.api.input;

/** Stylus barrel buttons; {@link #flag()} is their bit in {@link Pen#buttons()}. */
public enum PenButton {
    PRIMARY(0x01), SECONDARY(0x02), TERTIARY(0x04);

    private final int flag;

    PenButton(int flag) {
        this.flag = flag;
    }

    public int flag() {
        return flag;
    }
}
