package io.lumen.testkit.moonlight;

import io.lumen.testkit.moonlight.ControlTestClient.HostMessage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What the host asks of one of the client's pads, read from its control message as moonlight-common-c's
 * ControlStream.c reads it (little-endian fields): rumble, trigger rumble, motion-sensor reports, the LED colour,
 * DualSense adaptive triggers. Fields keep their wire values.
 */
public sealed interface PadFeedbackMessage {

    int RUMBLE = 0x010B;
    int TRIGGER_RUMBLE = 0x5500;
    int MOTION_EVENT_STATE = 0x5501;
    int RGB_LED = 0x5502;
    int ADAPTIVE_TRIGGERS = 0x5503;

    /** The pad, by the number the client gave it. */
    int controller();

    /** The two motors, 0..65535 each; 0 and 0 stop them. */
    record Rumble(int controller, int lowFrequency, int highFrequency) implements PadFeedbackMessage {
    }

    /** The motors in the triggers, 0..65535 each. */
    record TriggerRumble(int controller, int left, int right) implements PadFeedbackMessage {
    }

    /**
     * Report a motion sensor at {@code reportRateHz}, 0 to stop.
     *
     * @param motionType 1 accelerometer, 2 gyroscope
     */
    record MotionEventState(int controller, int reportRateHz, int motionType) implements PadFeedbackMessage {
    }

    record RgbLed(int controller, int red, int green, int blue) implements PadFeedbackMessage {
    }

    /**
     * A DualSense trigger effect.
     *
     * @param eventFlags 0x04 the right trigger, 0x08 the left
     * @param left       the left trigger's 10 effect bytes
     * @param right      the right trigger's
     */
    record AdaptiveTriggers(int controller, int eventFlags, int typeLeft, int typeRight, byte[] left, byte[] right)
            implements PadFeedbackMessage {

        public static final int EFFECT_BYTES = 10;

        public AdaptiveTriggers {
            left = left.clone();
            right = right.clone();
        }

        @Override
        public byte[] left() {
            return left.clone();
        }

        @Override
        public byte[] right() {
            return right.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AdaptiveTriggers that && controller == that.controller
                    && eventFlags == that.eventFlags && typeLeft == that.typeLeft && typeRight == that.typeRight
                    && Arrays.equals(left, that.left) && Arrays.equals(right, that.right);
        }

        @Override
        public int hashCode() {
            return ((controller * 31 + eventFlags) * 31 + typeLeft) * 31 + typeRight
                    + 961 * Arrays.hashCode(left) + Arrays.hashCode(right);
        }

        @Override
        public String toString() {
            return "AdaptiveTriggers[controller=" + controller + ", eventFlags=" + eventFlags + ", typeLeft="
                    + typeLeft + ", typeRight=" + typeRight + ", left=" + Arrays.toString(left) + ", right="
                    + Arrays.toString(right) + "]";
        }
    }

    /** Whether a host message of {@code type} is one of these. */
    static boolean isPadFeedback(int type) {
        return type == RUMBLE || type == TRIGGER_RUMBLE || type == MOTION_EVENT_STATE || type == RGB_LED
                || type == ADAPTIVE_TRIGGERS;
    }

    /**
     * {@code message} read as the client reads it.
     *
     * @throws IllegalArgumentException it is not pad feedback, or its payload is not exactly its layout's length
     *                                  (the client would read past it or ignore the rest: a host bug either way)
     */
    static PadFeedbackMessage parse(HostMessage message) {
        ByteBuffer in = ByteBuffer.wrap(message.payload()).order(ByteOrder.LITTLE_ENDIAN);
        return switch (message.type()) {
            case RUMBLE -> {
                expect(message, 10);
                in.getInt(); // unused by the client
                yield new Rumble(u16(in), u16(in), u16(in));
            }
            case TRIGGER_RUMBLE -> {
                expect(message, 6);
                yield new TriggerRumble(u16(in), u16(in), u16(in));
            }
            case MOTION_EVENT_STATE -> {
                expect(message, 5);
                yield new MotionEventState(u16(in), u16(in), u8(in));
            }
            case RGB_LED -> {
                expect(message, 5);
                yield new RgbLed(u16(in), u8(in), u8(in), u8(in));
            }
            case ADAPTIVE_TRIGGERS -> {
                expect(message, 5 + 2 * AdaptiveTriggers.EFFECT_BYTES);
                int controller = u16(in);
                int flags = u8(in);
                int typeLeft = u8(in);
                int typeRight = u8(in);
                byte[] left = new byte[AdaptiveTriggers.EFFECT_BYTES];
                byte[] right = new byte[AdaptiveTriggers.EFFECT_BYTES];
                in.get(left).get(right);
                yield new AdaptiveTriggers(controller, flags, typeLeft, typeRight, left, right);
            }
            default -> throw new IllegalArgumentException(String.format("message type 0x%04x is no pad feedback",
                    message.type()));
        };
    }

    private static void expect(HostMessage message, int length) {
        if (message.payload().length != length) {
            throw new IllegalArgumentException(String.format("pad feedback 0x%04x of %d bytes, its layout has %d",
                    message.type(), message.payload().length, length));
        }
    }

    private static int u16(ByteBuffer in) {
        return in.getShort() & 0xFFFF;
    }

    private static int u8(ByteBuffer in) {
        return in.get() & 0xFF;
    }
}
