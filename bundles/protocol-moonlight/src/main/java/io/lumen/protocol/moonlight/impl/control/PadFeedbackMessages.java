package io.lumen.protocol.moonlight.impl.control;

import io.lumen.api.input.MotionSensor;
import io.lumen.api.input.PadFeedback;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The control messages a Moonlight client turns into its pads' rumble, light and sensors (moonlight-common-c's
 * ControlStream.c reads them in queueAsyncCallback; all but rumble are Sunshine's extensions, which clients use
 * with hosts that report a Sunshine version, as lumen does). Little-endian throughout.
 */
public final class PadFeedbackMessages {

    public static final int RUMBLE = ControlMessage.RUMBLE;
    public static final int TRIGGER_RUMBLE = 0x5500;
    public static final int MOTION_EVENT_STATE = 0x5501;
    public static final int RGB_LED = 0x5502;
    public static final int ADAPTIVE_TRIGGERS = 0x5503;

    /** moonlight-common-c's sensor types: 1 accelerometer, 2 gyroscope. */
    private static final int ACCELEROMETER = 1;
    private static final int GYROSCOPE = 2;

    private PadFeedbackMessages() {
    }

    public static ControlMessage of(PadFeedback feedback) {
        return switch (feedback) {
            // the first four bytes are unused by clients (GFE sent a constant there)
            case PadFeedback.Rumble r -> message(RUMBLE, payload(10).putInt(0).putShort((short) r.controllerNumber())
                    .putShort((short) r.lowFrequency()).putShort((short) r.highFrequency()));
            case PadFeedback.TriggerRumble t -> message(TRIGGER_RUMBLE, payload(6)
                    .putShort((short) t.controllerNumber()).putShort((short) t.left()).putShort((short) t.right()));
            case PadFeedback.MotionReports m -> message(MOTION_EVENT_STATE, payload(5)
                    .putShort((short) m.controllerNumber()).putShort((short) m.rateHz())
                    .put((byte) (m.sensor() == MotionSensor.ACCELEROMETER ? ACCELEROMETER : GYROSCOPE)));
            case PadFeedback.Led l -> message(RGB_LED, payload(5).putShort((short) l.controllerNumber())
                    .put((byte) l.red()).put((byte) l.green()).put((byte) l.blue()));
            case PadFeedback.AdaptiveTriggers a -> message(ADAPTIVE_TRIGGERS,
                    payload(5 + 2 * PadFeedback.AdaptiveTriggers.EFFECT_BYTES).putShort((short) a.controllerNumber())
                            .put((byte) a.triggers()).put((byte) a.leftType()).put((byte) a.rightType())
                            .put(a.leftEffect()).put(a.rightEffect()));
        };
    }

    private static ByteBuffer payload(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ControlMessage message(int type, ByteBuffer filled) {
        if (filled.hasRemaining()) {
            throw new IllegalStateException("message 0x" + Integer.toHexString(type) + " not filled");
        }
        return new ControlMessage(type, filled.array());
    }
}
