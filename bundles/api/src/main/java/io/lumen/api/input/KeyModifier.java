package io.lumen.api.input;

/** Modifier keys the client reports as held with a key; {@link #flag()} is their bit in {@link KeyChange#modifiers()}. */
public enum KeyModifier {
    SHIFT(0x01), CTRL(0x02), ALT(0x04), META(0x08);

    private final int flag;

    KeyModifier(int flag) {
        this.flag = flag;
    }

    public int flag() {
        return flag;
    }
}
