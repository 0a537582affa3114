package io.lumen.testkit.moonlight;

import io.lumen.api.input.GamepadType;
import io.lumen.enet.Delivery;
import io.lumen.enet.EnetHost;
import io.lumen.enet.EnetListener;
import io.lumen.enet.EnetOptions;
import io.lumen.enet.EnetPeer;
import io.lumen.testkit.moonlight.ControlTestClient.HostMessage;
import io.lumen.testkit.moonlight.PadFeedbackMessage.AdaptiveTriggers;
import io.lumen.testkit.moonlight.PadFeedbackMessage.MotionEventState;
import io.lumen.testkit.moonlight.PadFeedbackMessage.RgbLed;
import io.lumen.testkit.moonlight.PadFeedbackMessage.Rumble;
import io.lumen.testkit.moonlight.PadFeedbackMessage.TriggerRumble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control test client against a host side made of the real ENet over loopback, speaking the encrypted
 * control stream: the host's pad feedback read as the client reads it, messages taken by type without losing the
 * others, and input sent on the client's channel for its kind.
 */
class ControlTestClientTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int HDR_MODE = 0x010E;

    private record Arrived(int channel, int type, byte[] payload) {
    }

    private final LaunchKeys keys = LaunchKeys.random();
    private final BlockingQueue<Arrived> atHost = new LinkedBlockingQueue<>();
    private final CompletableFuture<EnetPeer> clientPeer = new CompletableFuture<>();
    private EnetHost host;
    private ControlTestClient client;
    private int hostCounter;

    @BeforeEach
    void connect() throws IOException {
        host = EnetHost.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                EnetOptions.defaults().withMaxPeers(1), new EnetListener() {
                    @Override
                    public void connected(EnetPeer peer, int data) {
                        clientPeer.complete(peer);
                    }

                    @Override
                    public void received(EnetPeer peer, int channel, byte[] packet) {
                        ByteBuffer in = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
                        byte[] plain = ClientGcm.open(keys.rikey(), ClientGcm.iv(in.getInt(4), 'C', 'C'), packet, 8);
                        ByteBuffer message = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
                        int type = message.getShort() & 0xFFFF;
                        byte[] payload = new byte[message.getShort() & 0xFFFF];
                        message.get(payload);
                        atHost.add(new Arrived(channel, type, payload));
                    }

                    @Override
                    public void disconnected(EnetPeer peer, EnetPeer.DisconnectReason reason, int data) {
                    }
                });
        client = ControlTestClient.connect(host.localAddress(), 0x1234, keys);
    }

    @AfterEach
    void close() {
        client.close();
        host.close();
    }

    /** Sends {@code type} to the client as the host does: sealed with the 'H' 'C' IV of its own counter. */
    private void hostSends(int type, String payloadHex) throws Exception {
        byte[] payload = HexFormat.of().parseHex(payloadHex.replace(" ", ""));
        ByteBuffer plain = ByteBuffer.allocate(4 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        plain.putShort((short) type).putShort((short) payload.length).put(payload);
        int counter = hostCounter++;
        byte[] sealed = ClientGcm.seal(keys.rikey(), ClientGcm.iv(counter, 'H', 'C'), plain.array());
        ByteBuffer wire = ByteBuffer.allocate(8 + sealed.length).order(ByteOrder.LITTLE_ENDIAN);
        wire.putShort((short) 1).putShort((short) (4 + sealed.length)).putInt(counter).put(sealed);
        clientPeer.get(5, TimeUnit.SECONDS).send(0, wire.array(), Delivery.RELIABLE);
    }

    private Arrived nextAtHost(int type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (Arrived a; (a = atHost.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
            if (a.type() == type) {
                return a;
            }
        }
        throw new AssertionError(String.format("no message 0x%04x reached the host", type));
    }

    @Test
    void padFeedbackIsReadAsTheClientReadsIt() throws Exception {
        hostSends(0x010B, "EEFFC000 0100 3412 FFFF");
        hostSends(0x5500, "0200 0080 FF00");
        hostSends(0x5501, "0300 FA00 02");
        hostSends(0x5502, "0F00 FF 80 01");
        hostSends(0x5503, "0000 0C 21 26 00010203040506070809 0A0B0C0D0E0F10111213");
        assertEquals(new Rumble(1, 0x1234, 0xFFFF), client.awaitPadFeedback(WAIT));
        assertEquals(new TriggerRumble(2, 0x8000, 0x00FF), client.awaitPadFeedback(WAIT));
        assertEquals(new MotionEventState(3, 250, 2), client.awaitPadFeedback(WAIT));
        assertEquals(new RgbLed(15, 255, 128, 1), client.awaitPadFeedback(WAIT));
        AdaptiveTriggers triggers = (AdaptiveTriggers) client.awaitPadFeedback(WAIT);
        assertEquals(new AdaptiveTriggers(0, 0x0C, 0x21, 0x26, HexFormat.of().parseHex("00010203040506070809"),
                HexFormat.of().parseHex("0A0B0C0D0E0F10111213")), triggers);
        assertArrayEquals(HexFormat.of().parseHex("0A0B0C0D0E0F10111213"), triggers.right());
    }

    @Test
    void takingOneTypeLeavesTheOthersInOrder() throws Exception {
        hostSends(HDR_MODE, "00");
        hostSends(0x010B, "00000000 0000 0100 0200");
        hostSends(0x5502, "0000 01 02 03");
        hostSends(0x010B, "00000000 0000 0300 0400");
        HostMessage led = client.awaitMessage(0x5502, WAIT);
        assertNotNull(led);
        assertEquals(new RgbLed(0, 1, 2, 3), PadFeedbackMessage.parse(led));
        assertEquals(new Rumble(0, 1, 2), client.awaitPadFeedback(WAIT));
        assertEquals(new Rumble(0, 3, 4), client.awaitPadFeedback(WAIT));
        HostMessage first = client.nextMessage(WAIT);
        assertEquals(HDR_MODE, first.type(), "the message nobody asked for is still there");
        long start = System.nanoTime();
        assertNull(client.awaitPadFeedback(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos(), "waited out the timeout");
    }

    @Test
    void inputGoesOnTheChannelOfItsKind() throws Exception {
        client.sendInput(ClientInput.key(0x41, true, 0, false));
        Arrived key = nextAtHost(0x0206);
        assertEquals(ClientInput.CHANNEL_KEYBOARD, key.channel());
        assertArrayEquals(ClientInput.key(0x41, true, 0, false), key.payload());
        client.sendInput(ClientInput.gamepadArrival(4, GamepadType.XBOX, 0x3, 0xFFFF));
        assertEquals(ClientInput.CHANNEL_GAMEPAD + 4, nextAtHost(0x0206).channel());
        client.sendInput(ClientInput.enableHaptics());
        assertEquals(ClientInput.CHANNEL_GENERIC, nextAtHost(0x0206).channel());
    }

    @Test
    void anInvalidationRequestReachesTheHostAsTheStockClientSendsIt() throws Exception {
        client.invalidateReferences(0x1_0000_0003L, 7);
        Arrived request = nextAtHost(0x0301);
        assertEquals(ControlTestClient.CHANNEL_URGENT, request.channel());
        assertArrayEquals(HexFormat.of().parseHex("0300000001000000" + "0700000000000000" + "0000000000000000"),
                request.payload(), "LE64 first, LE64 last, LE64 0");
        client.requestIdr();
        Arrived idr = nextAtHost(0x0302);
        assertEquals(ControlTestClient.CHANNEL_URGENT, idr.channel());
    }

    @Test
    void malformedFeedbackIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> PadFeedbackMessage.parse(new HostMessage(0x010B, new byte[8])), "a rumble cut short");
        assertThrows(IllegalArgumentException.class,
                () -> PadFeedbackMessage.parse(new HostMessage(0x5502, new byte[6])), "an LED message too long");
        assertThrows(IllegalArgumentException.class,
                () -> PadFeedbackMessage.parse(new HostMessage(HDR_MODE, new byte[1])), "not pad feedback");
        assertTrue(PadFeedbackMessage.isPadFeedback(0x5503));
        assertNotEquals(new AdaptiveTriggers(0, 4, 1, 1, new byte[10], new byte[10]),
                new AdaptiveTriggers(0, 4, 1, 1, new byte[10], new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    }
}
