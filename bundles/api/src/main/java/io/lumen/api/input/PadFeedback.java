package io.lumen.api.input;

/**
 * Something the host asks of one of the client's pads, addressed by the slot the client numbered it with
 * ({@link GamepadState#controllerNumber()}). Since 2.0.
 */
public sealed interface PadFeedback permits PadFeedback.Rumble, PadFeedback.TriggerRumble, PadFeedback.Led,
        PadFeedback.MotionReports, PadFeedback.AdaptiveTriggers {

    int controllerNumber();

    /**
     * The pad's two rumble motors, until the next rumble of this pad; 0 and 0 stop it.
     *
     * @param lowFrequency  the heavy (left) motor, 0..65535
     * @param highFrequency the light (right) motor, 0..65535
     */
    record Rumble(int controllerNumber, int lowFrequency, int highFrequency) implements PadFeedback {
        public Rumble {
            Check.controller(controllerNumber);
            Check.range("low-frequency motor", lowFrequency, 0, 0xFFFF);
            Check.range("high-frequency motor", highFrequency, 0, 0xFFFF);
        }
    }

    /** The motors in the triggers (Xbox One and later pads), 0..65535 each; 0 and 0 stop them. */
    record TriggerRumble(int controllerNumber, int left, int right) implements PadFeedback {
        public TriggerRumble {
            Check.controller(controllerNumber);
            Check.range("left trigger motor", left, 0, 0xFFFF);
            Check.range("right trigger motor", right, 0, 0xFFFF);
        }
    }

    /** The colour of the pad's light bar, 0..255 each. */
    record Led(int controllerNumber, int red, int green, int blue) implements PadFeedback {
        public Led {
            Check.controller(controllerNumber);
            Check.range("red", red, 0, 255);
            Check.range("green", green, 0, 255);
            Check.range("blue", blue, 0, 255);
        }
    }

    /**
     * Report {@code sensor} readings ({@link GamepadMotion}) at about {@code rateHz}; 0 stops them.
     *
     * @param rateHz 0..65535
     */
    record MotionReports(int controllerNumber, MotionSensor sensor, int rateHz) implements PadFeedback {
        public MotionReports {
            Check.controller(controllerNumber);
            java.util.Objects.requireNonNull(sensor, "sensor");
            Check.range("report rate", rateHz, 0, 0xFFFF);
        }
    }

    /**
     * A DualSense adaptive-trigger effect, passed through as the game set it: which triggers it sets, the effect
     * type of each and its {@value #EFFECT_BYTES}-byte parameters (the pad's own encoding, opaque to the host).
     *
     * @param triggers {@link #RIGHT_TRIGGER} and/or {@link #LEFT_TRIGGER}
     */
    record AdaptiveTriggers(int controllerNumber, int triggers, int leftType, int rightType, byte[] leftEffect,
                            byte[] rightEffect) implements PadFeedback {

        public static final int RIGHT_TRIGGER = 0x04;
        public static final int LEFT_TRIGGER = 0x08;
        public static final int EFFECT_BYTES = 10;

        public AdaptiveTriggers {
            Check.controller(controllerNumber);
            Check.range("triggers", triggers, 0, 255);
            Check.range("left effect type", leftType, 0, 255);
            Check.range("right effect type", rightType, 0, 255);
            leftEffect = effect("left", leftEffect);
            rightEffect = effect("right", rightEffect);
        }

        @Override
        public byte[] leftEffect() {
            return leftEffect.clone();
        }

        @Override
        public byte[] rightEffect() {
            return rightEffect.clone();
        }

        private static byte[] effect(String which, byte[] effect) {
            if (effect.length != EFFECT_BYTES) {
                throw new IllegalArgumentException(which + " effect of " + effect.length + " bytes, want "
                        + EFFECT_BYTES);
            }
            return effect.clone();
        }
    }
}
