package io.lumen.enet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The host's state machine fed datagram sequences, coverage-guided. An input is a list of records
 * {@code [control u8][length u16 BE][datagram]}: the control byte's low two bits pick the sender (the client, a
 * second client, a stranger), its upper six bits advance the clock in 16 ms steps before the datagram arrives, and
 * every datagram is followed by a {@link EnetProtocol#service} turn. The contract: nothing escapes, and no datagram
 * or timer turn ends in the host's internal-error path (it logs what it catches there, and this test fails on any
 * logged throwable). The committed seeds are the real client's recorded datagrams in this framing, so the fuzzer
 * starts from a connected session.
 */
class EnetHostFuzzTest {

    private static final InetSocketAddress[] SENDERS = {SimulatedNetwork.address(50000), SimulatedNetwork.address(50001),
            SimulatedNetwork.address(50002), SimulatedNetwork.address(50000)};
    private static final CaughtThrowables CAUGHT = CaughtThrowables.install();

    @FuzzTest
    void datagramSequences(byte[] input) {
        CAUGHT.clear();
        EnetProtocol host = new EnetProtocol(EnetOptions.defaults().withMaxPeers(4), (to, datagram) -> true, Runnable::run,
                new SplittableRandom(1));
        long now = 1_000_000;
        ByteBuffer in = ByteBuffer.wrap(input);
        while (in.remaining() >= 3) {
            int control = Byte.toUnsignedInt(in.get());
            int length = Math.min(Short.toUnsignedInt(in.getShort()), in.remaining());
            ByteBuffer datagram = in.slice(in.position(), length);
            in.position(in.position() + length);
            now += (control >>> 2) * 16L;
            host.receive(SENDERS[control & 3], datagram, now);
            host.service(now);
            host.drainEvents();
        }
        // let every timer run out: retransmissions, pings, timeouts
        for (int turn = 0; turn < 64; turn++) {
            now += 1000;
            host.service(now);
            host.drainEvents();
        }
        assertEquals(0, host.stats().dropped(DropReason.INTERNAL_ERROR));
        CAUGHT.assertNone();
    }

    /** The seeds' framing carries the recorded client to a connection, or the seeds would start nowhere. */
    @Test
    void theRecordedClientConnectsThroughTheFraming() {
        List<EnetEvent> events = new ArrayList<>();
        EnetProtocol host = new EnetProtocol(EnetOptions.defaults(), (to, datagram) -> true, Runnable::run,
                new SplittableRandom(1));
        ByteBuffer in = ByteBuffer.wrap(framed(Recording.load(Recording.CLIENT_SESSION)));
        long now = 1_000_000;
        while (in.hasRemaining()) {
            int control = Byte.toUnsignedInt(in.get());
            byte[] datagram = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(datagram);
            now += (control >>> 2) * 16L;
            host.receive(SENDERS[control & 3], ByteBuffer.wrap(datagram), now);
            host.service(now);
            events.addAll(host.drainEvents());
        }
        assertTrue(events.stream().anyMatch(EnetEvent.Connected.class::isInstance), events::toString);
        assertTrue(events.stream().anyMatch(EnetEvent.Received.class::isInstance), events::toString);
    }

    /** A recording's client datagrams in this test's framing, with the recorded pauses between them. */
    static byte[] framed(Recording recording) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        double last = Double.NaN;
        for (Recording.Entry entry : recording.from(true)) {
            long gap = Double.isNaN(last) ? 0 : Math.round((entry.timeMillis() - last) / 16);
            last = entry.timeMillis();
            out.write((int) Math.min(gap, 63) << 2);
            out.write(entry.bytes().length >>> 8);
            out.write(entry.bytes().length);
            out.writeBytes(entry.bytes());
        }
        return out.toByteArray();
    }

    /** Records whatever the protocol logs with a throwable attached, instead of printing it. */
    private static final class CaughtThrowables extends Handler {

        // held here: the logging framework keeps only weak references to loggers
        private static final Logger PROTOCOL_LOGGER = Logger.getLogger(EnetProtocol.class.getName());
        private final List<LogRecord> records = new ArrayList<>();

        static CaughtThrowables install() {
            CaughtThrowables handler = new CaughtThrowables();
            PROTOCOL_LOGGER.setUseParentHandlers(false);
            PROTOCOL_LOGGER.addHandler(handler);
            return handler;
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getThrown() != null && record.getLevel().intValue() >= Level.WARNING.intValue()) {
                records.add(record);
            }
        }

        synchronized void clear() {
            records.clear();
        }

        synchronized void assertNone() {
            if (!records.isEmpty()) {
                LogRecord first = records.getFirst();
                throw new AssertionError("the host caught: " + first.getMessage(), first.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
