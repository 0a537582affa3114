package io.lumen.protocol.moonlight.impl;

import io.lumen.api.input.InputKind;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.testkit.Poll;
import io.lumen.testkit.input.RecordingInput;
import io.lumen.testkit.moonlight.ClientInput;
import io.lumen.testkit.moonlight.ControlPortFlood;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's attack on a live stream: while the client streams, strangers on other sockets send the launch's control
 * port CONNECTs with wrong connect data (as many as it has peer slots) and a flood of 65-byte fragment bombs and
 * garbage. The strangers get no answer at all, and the client's input still reaches the backend and its video still
 * arrives.
 */
class FloodedControlPortTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private RunningHost host;
    private final List<String> journal = new ArrayList<>();
    private final RecordingInput input = new RecordingInput("input", EnumSet.allOf(InputKind.class), journal);

    @BeforeEach
    void start() throws Exception {
        host = new RunningHost(dir);
        host.pipelines.addInput(input);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private int seen() {
        return RecordingInput.of(journal, "input").size();
    }

    private void awaitSeen(int entries) {
        Poll.await(entries + " input entries at the backend", WAIT, () -> RecordingInput.of(journal, "input"),
                seen -> seen.size() >= entries);
    }

    @Test
    void strangersGetNoSlotAndNoAnswerWhileTheClientStreamsOn() throws Exception {
        MoonlightTestClient client = host.paired("streamer");
        LaunchKeys keys = LaunchKeys.random();
        Reply launch = client.launch(7, "640x360x30", keys);
        assertEquals(200, launch.status(), launch.toString());
        try (StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"), keys,
                StreamOffer.h264(640, 360, 30, 7), new Rs8MoonlightService(), new Rs8AudioService(),
                StreamingTestClient.VideoLossSetting.none());
             ControlPortFlood flood = new ControlPortFlood(
                     new InetSocketAddress("127.0.0.1", stream.handshake().controlPort()), 4, 19)) {
            awaitSeen(1);
            int wrongData = (int) stream.handshake().connectData() ^ 0x5A5A5A5A;
            flood.connects(wrongData);
            for (int round = 0; round < 20; round++) {
                flood.bombs(1_000);
                flood.garbage(100);
                flood.connects(wrongData);
                stream.control().sendInput(ClientInput.mouseButton(io.lumen.api.input.MouseButton.LEFT, round % 2 == 0));
            }
            awaitSeen(1 + 20);
            assertFalse(stream.frames(Duration.ofSeconds(1)).isEmpty(), "video still arrives");
            stream.control().sendInput(ClientInput.mouseButton(io.lumen.api.input.MouseButton.RIGHT, true));
            awaitSeen(1 + 21);
            assertEquals(0, flood.answers(), "no stranger got a VERIFY_CONNECT or anything else");
            Object held = host.host.streams().current().orElseThrow().get("control held");
            assertTrue(String.valueOf(held).startsWith("0 bytes"), "nothing held for strangers: " + held);
            assertTrue(flood.sent() > 20_000, "the flood went out: " + flood.sent());
        }
    }
}
