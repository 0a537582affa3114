package io.lumen.enet.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lumen.enet.Recording;
import io.lumen.enet.wire.Command.Acknowledge;
import io.lumen.enet.wire.Command.BandwidthLimit;
import io.lumen.enet.wire.Command.Connect;
import io.lumen.enet.wire.Command.ConnectParameters;
import io.lumen.enet.wire.Command.Disconnect;
import io.lumen.enet.wire.Command.Ping;
import io.lumen.enet.wire.Command.SendFragment;
import io.lumen.enet.wire.Command.SendReliable;
import io.lumen.enet.wire.Command.SendUnreliable;
import io.lumen.enet.wire.Command.SendUnsequenced;
import io.lumen.enet.wire.Command.VerifyConnect;
import io.lumen.enet.wire.WireException.Malformation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decodes what the real cgutman/enet sent, field by field, and encodes it back to the same bytes. */
class WireDecoderTest {

    private final List<Recording.Entry> session = Recording.load(Recording.CLIENT_SESSION).entries();

    @Test
    void connectFromTheRealClient() {
        Datagram datagram = session.get(0).decode();
        assertEquals(new ProtocolHeader(ProtocolHeader.NO_PEER, 0, false, datagram.header().sentTime()), datagram.header());
        assertTrue(datagram.header().hasSentTime());
        Connect connect = assertInstanceOf(Connect.class, datagram.commands().getFirst());
        assertEquals(new CommandHeader(0x82, 0xFF, 1), connect.header());
        ConnectParameters p = connect.parameters();
        assertEquals(0, p.outgoingPeerId());
        assertEquals(0xFF, p.incomingSessionId());
        assertEquals(0xFF, p.outgoingSessionId());
        assertEquals(900, p.mtu());
        assertEquals(65536, p.windowSize());
        assertEquals(0x30, p.channelCount());
        assertEquals(0, p.incomingBandwidth());
        assertEquals(0, p.outgoingBandwidth());
        assertEquals(5000, p.packetThrottleInterval());
        assertEquals(2, p.packetThrottleAcceleration());
        assertEquals(2, p.packetThrottleDeceleration());
        assertEquals(0x12345678, connect.data());
        assertEquals(52, connect.wireSize() + datagram.header().size());
    }

    @Test
    void verifyConnectEchoesTheConnectId() {
        Connect connect = (Connect) session.get(0).decode().commands().getFirst();
        Datagram datagram = session.get(1).decode();
        assertFalse(session.get(1).fromClient());
        assertEquals(0, datagram.header().peerId());
        assertEquals(0, datagram.header().sessionId());
        VerifyConnect verify = assertInstanceOf(VerifyConnect.class, datagram.commands().getFirst());
        assertEquals(new CommandHeader(0x83, 0xFF, 1), verify.header());
        assertEquals(connect.parameters().connectId(), verify.parameters().connectId());
        assertEquals(0, verify.parameters().outgoingPeerId());
        assertEquals(0, verify.parameters().incomingSessionId());
        assertEquals(0, verify.parameters().outgoingSessionId());
        assertEquals(0x30, verify.parameters().channelCount());
    }

    @Test
    void acknowledgementEchoesTheSentTimeAndComesWithAPing() {
        int verifySentTime = session.get(1).decode().header().sentTime();
        Datagram datagram = session.get(2).decode();
        assertEquals(List.of(new Acknowledge(new CommandHeader(1, 0xFF, 1), 1, verifySentTime),
                new Ping(new CommandHeader(0x85, 0xFF, 2))), datagram.commands());
    }

    @Test
    void reliableUnsequencedUnreliableFragmentBandwidthAndDisconnect() {
        List<Command> all = session.stream().flatMap(e -> e.decode().commands().stream()).toList();
        SendReliable hello = all.stream().filter(SendReliable.class::isInstance).map(SendReliable.class::cast).findFirst().orElseThrow();
        assertEquals(new CommandHeader(0x86, 1, 1), hello.header());
        assertEquals("hello from server", new String(hello.data(), StandardCharsets.US_ASCII));

        List<SendFragment> fragments = all.stream().filter(SendFragment.class::isInstance).map(SendFragment.class::cast)
                .filter(f -> f.totalLength() == 4000).toList();
        assertEquals(5, fragments.size());
        for (int i = 0; i < 5; i++) {
            SendFragment f = fragments.get(i);
            assertEquals(new CommandHeader(0x88, 0, 2 + i), f.header());
            assertEquals(2, f.startSequenceNumber());
            assertEquals(5, f.fragmentCount());
            assertEquals(i, f.fragmentNumber());
            assertEquals(872L * i, f.fragmentOffset());
            assertEquals(i < 4 ? 872 : 512, f.data().length);
        }

        SendUnsequenced unsequenced = all.stream().filter(SendUnsequenced.class::isInstance).map(SendUnsequenced.class::cast).findFirst().orElseThrow();
        assertEquals(new CommandHeader(0x49, 0, 0), unsequenced.header());
        assertEquals(1, unsequenced.unsequencedGroup());
        SendUnreliable unreliable = all.stream().filter(SendUnreliable.class::isInstance).map(SendUnreliable.class::cast).findFirst().orElseThrow();
        assertEquals(new CommandHeader(0x07, 3, 0), unreliable.header());
        assertEquals(1, unreliable.unreliableSequenceNumber());
        assertTrue(all.contains(new BandwidthLimit(new CommandHeader(0x8A, 0xFF, 3), 0, 0)));
        assertEquals(new Disconnect(new CommandHeader(0x84, 0xFF, 9), 0xABCD), all.getLast() instanceof Acknowledge
                ? all.get(all.size() - 2) : all.getLast());
    }

    @Test
    void everyRecordedDatagramEncodesBackToItsBytes() {
        for (String name : Recording.ALL) {
            for (Recording.Entry entry : Recording.load(name).entries()) {
                ByteBuffer out = ByteBuffer.allocate(ProtocolHeader.MAXIMUM_DATAGRAM);
                WireEncoder.encode(entry.decode(), out);
                assertArrayEquals(entry.bytes(), java.util.Arrays.copyOf(out.array(), out.position()), name + " " + entry.hex());
            }
        }
    }

    @Test
    void malformedDatagramsAreRejectedWithTheirReason() {
        assertEquals(Malformation.TRUNCATED, reject("80"));
        assertEquals(Malformation.TRUNCATED, reject("8000"));
        assertEquals(Malformation.NO_COMMANDS, reject("0000"));
        assertEquals(Malformation.TRUNCATED, reject("000001ff"));
        assertEquals(Malformation.TRUNCATED, reject("0000" + "86000001" + "0005" + "6869"));
        assertEquals(Malformation.UNKNOWN_COMMAND, reject("0000" + "0d000000"));
        assertEquals(Malformation.UNKNOWN_COMMAND, reject("0000" + "00000000"));
        assertEquals(Malformation.COMPRESSED, reject("4000" + "05ff0001"));
    }

    private static Malformation reject(String hex) {
        return assertThrows(WireException.class, () -> WireDecoder.decode(ByteBuffer.wrap(HexFormat.of().parseHex(hex)))).malformation();
    }
}
