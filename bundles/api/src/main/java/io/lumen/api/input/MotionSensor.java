package io.lumen.api.input;

/** A pad's motion sensors. */
public enum MotionSensor {
    /** Acceleration in m/s², gravity included. */
    ACCELEROMETER,
    /** Angular velocity in degrees per second. */
    GYROSCOPE
}
