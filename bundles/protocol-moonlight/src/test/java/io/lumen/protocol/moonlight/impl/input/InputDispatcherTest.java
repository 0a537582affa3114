package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.GamepadState;
import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputSink;
import io.lumen.api.input.MouseMove;
import io.lumen.testkit.moonlight.ClientInput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delivery to the sinks: every sink sees every event, a failing sink hurts nobody, sessions end cleanly. */
class InputDispatcherTest {

    private final RecordingLog log = new RecordingLog();
    private final InputDispatcher dispatcher = new InputDispatcher(log);

    private static final byte[] MOVE = ClientInput.mouseMove(1, -1);
    private static final byte[] PAD = ClientInput.gamepad(0, 1, 0x1000, 0, 0, 0, 0, 0, 0);

    private static boolean receive(SessionInput session, byte[] packet) {
        return session.receive(packet, 0, packet.length);
    }

    @Test
    void everySinkSeesEveryEventInOrder() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        dispatcher.addSink(first);
        dispatcher.addSink(second);
        dispatcher.addSink(first);
        assertEquals(2, dispatcher.sinkCount(), "adding a sink twice changes nothing");
        SessionInput session = dispatcher.openSession("4");
        assertTrue(receive(session, MOVE));
        assertTrue(receive(session, PAD));
        List<InputEvent> expected = List.of(new MouseMove("4", 1, -1), new GamepadState("4", 0, 1, 0x1000, 0, 0, 0, 0, 0, 0));
        assertEquals(expected, first.events);
        assertEquals(expected, second.events);
        assertEquals(1, session.stats().events(InputKind.MOUSE_MOVE));
        assertEquals(1, session.stats().events(InputKind.GAMEPAD));
        assertEquals(2, session.stats().events());
    }

    @Test
    void aThrowingSinkIsLoggedOnceAndHurtsNobody() {
        Recorder good = new Recorder();
        InputSink broken = new InputSink() {
            @Override
            public void accept(InputEvent event) {
                throw new IllegalStateException("device gone");
            }

            @Override
            public void sessionEnded(String sessionId) {
                throw new NoClassDefFoundError("its bundle was uninstalled");
            }
        };
        dispatcher.addSink(broken);
        dispatcher.addSink(good);
        SessionInput session = dispatcher.openSession("5");
        for (int i = 0; i < 100; i++) {
            assertTrue(receive(session, i % 2 == 0 ? MOVE : PAD));
        }
        session.close();
        assertEquals(100, good.events.size(), "the sink after the broken one got everything");
        assertEquals(List.of("5"), good.ended);
        assertEquals(101, session.stats().sinkFailures(), "100 events and the session end");
        assertEquals(1, log.count(System.Logger.Level.WARNING), log.lines.toString());
        assertTrue(log.lines.getFirst().contains("failed on a mouse move event from session 5"), log.lines.toString());
        assertTrue(log.thrown.getFirst() instanceof IllegalStateException);
    }

    @Test
    void withoutSinksTheFirstOfEachKindIsLoggedOncePerSession() {
        SessionInput three = dispatcher.openSession("3");
        for (int i = 0; i < 5; i++) {
            assertTrue(receive(three, PAD));
            assertTrue(receive(three, MOVE));
        }
        assertEquals(List.of(
                "INFO input: first gamepad event from session 3 (no input backend installed; events are counted, not injected)",
                "INFO input: first mouse move event from session 3 (no input backend installed; events are counted, not injected)"),
                log.lines);
        assertEquals(5, three.stats().events(InputKind.GAMEPAD));
        receive(dispatcher.openSession("8"), PAD);
        assertEquals(3, log.lines.size(), "another session logs its own first");
        assertTrue(log.lines.getLast().contains("session 8"));
    }

    @Test
    void theFirstRejectionOfEachReasonIsLogged() {
        SessionInput session = dispatcher.openSession("9");
        for (int i = 0; i < 3; i++) {
            assertFalse(receive(session, new byte[2]));
        }
        assertEquals(1, log.lines.size());
        assertEquals("INFO input: rejected a packet from session 9 (truncated: 2 bytes, fewer than the 8-byte header); "
                + "further truncated packets are counted, not logged", log.lines.getFirst());
        assertEquals(3, session.stats().rejections());
    }

    @Test
    void sessionEndReachesEverySinkOnceAndStopsDelivery() {
        Recorder sink = new Recorder();
        dispatcher.addSink(sink);
        SessionInput session = dispatcher.openSession("6");
        session.close();
        session.close();
        assertEquals(List.of("6"), sink.ended);
        assertFalse(receive(session, MOVE));
        assertEquals(List.of(), sink.events);
    }

    @Test
    void aRemovedSinkSeesNothingMore() {
        Recorder sink = new Recorder();
        dispatcher.addSink(sink);
        SessionInput session = dispatcher.openSession("2");
        receive(session, MOVE);
        dispatcher.removeSink(sink);
        dispatcher.removeSink(sink);
        receive(session, MOVE);
        session.close();
        assertEquals(1, sink.events.size());
        assertEquals(List.of(), sink.ended, "an unregistered sink lets go of its devices itself");
        assertEquals(0, dispatcher.sinkCount());
    }

    private static final class Recorder implements InputSink {
        final List<InputEvent> events = new CopyOnWriteArrayList<>();
        final List<String> ended = new CopyOnWriteArrayList<>();

        @Override
        public void accept(InputEvent event) {
            events.add(event);
        }

        @Override
        public void sessionEnded(String sessionId) {
            ended.add(sessionId);
        }
    }

    /** Keeps what was logged at INFO and above as "LEVEL message". */
    private static final class RecordingLog implements System.Logger {
        final List<String> lines = new ArrayList<>();
        final List<Throwable> thrown = new ArrayList<>();

        long count(Level level) {
            return lines.stream().filter(line -> line.startsWith(level.getName() + " ")).count();
        }

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= Level.INFO.getSeverity();
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String message, Throwable failure) {
            if (isLoggable(level)) {
                lines.add(level.getName() + " " + message);
                thrown.add(failure);
            }
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                lines.add(level.getName() + " " + (params == null || params.length == 0 ? format
                        : java.text.MessageFormat.format(format, params)));
            }
        }
    }
}
