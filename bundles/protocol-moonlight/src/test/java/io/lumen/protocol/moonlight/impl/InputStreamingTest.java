package io.lumen.protocol.moonlight.impl;

import io.lumen.api.input.BatteryState;
import io.lumen.api.input.GamepadType;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.MotionSensor;
import io.lumen.api.input.PadFeedback;
import io.lumen.api.input.PenTool;
import io.lumen.api.input.TouchAction;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.testkit.Poll;
import io.lumen.testkit.input.RecordingInput;
import io.lumen.testkit.moonlight.ClientInput;
import io.lumen.testkit.moonlight.ControlTestClient;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.PadFeedbackMessage;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of input a client sends crosses the encrypted control stream into the session's input backend, in
 * order and once; what the backend's pads ask for comes back as the client's control messages; the stream's end lets
 * go of the pad and the button the client held.
 */
class InputStreamingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private RunningHost host;
    private final List<String> journal = new ArrayList<>();
    private final RecordingInput pads = new RecordingInput("pads", EnumSet.allOf(InputKind.class), journal);

    @BeforeEach
    void start() throws Exception {
        host = new RunningHost(dir);
        host.pipelines.addInput(pads);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private List<String> seen() {
        return RecordingInput.of(journal, "pads");
    }

    private void awaitSeen(int entries) {
        Poll.await(entries + " pad entries at the backend", WAIT, this::seen, seen -> seen.size() >= entries);
    }

    @Test
    void everyKindReachesTheBackendAndFeedbackReachesThePad() throws Exception {
        MoonlightTestClient client = host.paired("pad-player");
        LaunchKeys keys = LaunchKeys.random();
        Reply launch = client.launch(7, "640x360x30", keys);
        assertEquals(200, launch.status(), launch.toString());
        try (StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"), keys,
                StreamOffer.h264(640, 360, 30, 7), new Rs8MoonlightService(), new Rs8AudioService(),
                StreamingTestClient.VideoLossSetting.none())) {
            awaitSeen(1);
            assertTrue(seen().getFirst().startsWith("open "), seen().toString());
            ControlTestClient control = stream.control();
            List<byte[]> sent = List.of(ClientInput.enableHaptics(),
                    ClientInput.gamepadArrival(1, GamepadType.PLAYSTATION, 0x1FF, 0xFFFF),
                    ClientInput.gamepad(1, 0b10, 0x1000, 255, 0, 32767, -32768, 0, 0),
                    ClientInput.gamepadTouchpad(1, TouchAction.DOWN, 0, 7, 0.25f, 0.5f, 1f),
                    ClientInput.gamepadMotion(1, MotionSensor.GYROSCOPE, 1.5f, -2f, 90f),
                    ClientInput.gamepadBattery(1, BatteryState.DISCHARGING, 80),
                    ClientInput.touch(TouchAction.DOWN, 3, 0.1f, 0.9f, 0.5f, 0f, 0f, ClientInput.UNKNOWN_ROTATION),
                    ClientInput.pen(TouchAction.HOVER, PenTool.ERASER, 0, 0.5f, 0.5f, 0.2f, 0f, 0f, 90, 30),
                    ClientInput.mouseButton(io.lumen.api.input.MouseButton.X2, true));
            for (byte[] packet : sent) {
                control.sendInput(packet);
            }
            awaitSeen(1 + sent.size());
            List<String> kinds = seen().subList(1, 1 + sent.size()).stream()
                    .map(entry -> entry.substring(0, entry.indexOf('['))).toList();
            assertEquals(List.of("HapticsRequest", "GamepadArrival", "GamepadState", "GamepadTouchpad",
                    "GamepadMotion", "GamepadBattery", "Touch", "Pen", "MouseButtonChange"), kinds,
                    "each once, in the order sent, on every channel the client uses");
            assertTrue(seen().get(3).contains("controllerNumber=1") && seen().get(3).contains("leftStickY=-32768"),
                    seen().get(3));

            pads.lastFeedback().send(new PadFeedback.Rumble(1, 0xFFFF, 0x0101));
            pads.lastFeedback().send(new PadFeedback.Led(1, 0, 64, 255));
            pads.lastFeedback().send(new PadFeedback.MotionReports(1, MotionSensor.ACCELEROMETER, 250));
            pads.lastFeedback().send(new PadFeedback.TriggerRumble(1, 100, 200));
            assertEquals(new PadFeedbackMessage.Rumble(1, 0xFFFF, 0x0101), control.awaitPadFeedback(WAIT));
            assertEquals(new PadFeedbackMessage.RgbLed(1, 0, 64, 255), control.awaitPadFeedback(WAIT));
            assertEquals(new PadFeedbackMessage.MotionEventState(1, 250, 1), control.awaitPadFeedback(WAIT));
            assertEquals(new PadFeedbackMessage.TriggerRumble(1, 100, 200), control.awaitPadFeedback(WAIT));
        }
        awaitSeen(1 + 9 + 3);
        List<String> end = seen().subList(10, seen().size());
        assertEquals(3, end.size(), end.toString());
        assertTrue(end.get(0).startsWith("MouseButtonChange[") && end.get(0).contains("pressed=false"), end.toString());
        assertTrue(end.get(1).startsWith("GamepadState[") && end.get(1).contains("controllerNumber=1")
                && end.get(1).contains("activeControllers=0"), "the pad is unplugged: " + end);
        assertEquals("close", end.get(2));
    }
}
