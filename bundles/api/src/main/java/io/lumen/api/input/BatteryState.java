package io.lumen.api.input;

/** A pad's power; a state newer than this package arrives as {@link #UNKNOWN}. */
public enum BatteryState {
    UNKNOWN,
    /** The pad runs without a battery (wired only). */
    NOT_PRESENT,
    DISCHARGING,
    CHARGING,
    /** On external power but not charging. */
    NOT_CHARGING,
    FULL
}
