package io.lumen.api.audio;

/**
 * A speaker position. The constants are in Moonlight's channel order (FL FR FC LFE BL BR SL SR), the order of
 * interleaved samples everywhere in lumen's audio path.
 */
public enum AudioChannel {
    /** Front left. */
    FL,
    /** Front right. */
    FR,
    /** Front centre. */
    FC,
    /** Low-frequency effects. */
    LFE,
    /** Back (rear) left. */
    BL,
    /** Back (rear) right. */
    BR,
    /** Side left. */
    SL,
    /** Side right. */
    SR
}
