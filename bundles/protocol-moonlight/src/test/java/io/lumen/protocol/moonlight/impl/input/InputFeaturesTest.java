package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.InputKind;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Native touch, pen and pad touchpads are offered only to sessions whose input backend injects them. */
class InputFeaturesTest {

    @Test
    void flagsFollowWhatTheBackendInjects() {
        assertEquals(0, InputFeatures.flags(Set.of()), "no backend: the client sends mouse events");
        assertEquals(0, InputFeatures.flags(EnumSet.of(InputKind.KEY, InputKind.MOUSE_MOVE, InputKind.MOUSE_POSITION,
                InputKind.MOUSE_BUTTON, InputKind.SCROLL)), "an X server: no touch");
        assertEquals(0, InputFeatures.flags(EnumSet.of(InputKind.KEY, InputKind.TOUCH)),
                "touch without pen: a stylus would be lost, so neither is offered");
        assertEquals(InputFeatures.PEN_TOUCH, InputFeatures.flags(EnumSet.of(InputKind.TOUCH, InputKind.PEN)));
        assertEquals(InputFeatures.PEN_TOUCH | InputFeatures.CONTROLLER_TOUCH, InputFeatures.flags(
                EnumSet.of(InputKind.TOUCH, InputKind.PEN, InputKind.GAMEPAD_TOUCHPAD)));
        assertEquals(InputFeatures.CONTROLLER_TOUCH, InputFeatures.flags(EnumSet.of(InputKind.GAMEPAD_TOUCHPAD)));
    }
}
