package io.lumen.session.impl.command;

import io.lumen.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** lumen:log's tail and follow on a real file written, rotated and renamed as the host's log handler does. */
@Timeout(60)
class LogCommandTest {

    @TempDir
    Path dir;

    private Path log() {
        return dir.resolve("lumen.0.log");
    }

    private void append(String text) throws IOException {
        Files.writeString(log(), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String lines(int from, int to) {
        StringBuilder text = new StringBuilder();
        IntStream.range(from, to).forEach(i -> text.append("line ").append(i).append('\n'));
        return text.toString();
    }

    @Test
    void theLastLinesOfALongLog() throws Exception {
        append(lines(0, 50_000)); // more than one backwards chunk
        List<String> last = new ArrayList<>();
        LogTail.open(log(), 3, last);
        assertEquals(List.of("line 49997", "line 49998", "line 49999"), last);
    }

    @Test
    void aShortLogIsShownWholeAndAnEmptyOneIsNothing() throws Exception {
        append(lines(0, 2));
        List<String> last = new ArrayList<>();
        LogTail.open(log(), 20, last);
        assertEquals(List.of("line 0", "line 1"), last);
        Files.writeString(log(), "");
        List<String> none = new ArrayList<>();
        LogTail.open(log(), 20, none);
        assertEquals(List.of(), none);
    }

    @Test
    void aFollowerSeesNewLinesOnlyWhenTheyAreWhole() throws Exception {
        append(lines(0, 5));
        LogTail tail = LogTail.open(log(), 1, new ArrayList<>());
        assertEquals(List.of(), tail.poll());
        append("line 5\nline 6 is bei");
        assertEquals(List.of("line 5"), tail.poll(), "the line still being written waits");
        append("ng written\n");
        assertEquals(List.of("line 6 is being written"), tail.poll());
    }

    @Test
    void aFollowerGoesOnInTheNewFileAfterARotation() throws Exception {
        append(lines(0, 5));
        LogTail tail = LogTail.open(log(), 2, new ArrayList<>());
        append("line 5\n");
        Files.move(log(), dir.resolve("lumen.1.log")); // the handler renames the full file away ...
        assertEquals(List.of(), tail.poll(), "between the rename and the new file");
        append("fresh 0\nfresh 1\n"); // ... and starts a new one under the same name
        assertEquals(List.of("fresh 0", "fresh 1"), tail.poll());
    }

    @Test
    void aTruncatedLogIsReadFromItsStart() throws Exception {
        append(lines(0, 100));
        LogTail tail = LogTail.open(log(), 0, new ArrayList<>());
        Files.writeString(log(), "after truncation\n");
        assertEquals(List.of("after truncation"), tail.poll());
    }

    @Test
    void theCommandShowsTheTailThenFollowsUntilInterrupted() throws Exception {
        append(lines(0, 30));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread follower = new Thread(() -> {
            try {
                LogCommand.show(log(), 2, Duration.ofMinutes(5), out, () -> false);
            } catch (InterruptedException e) {
                interrupted.set(true);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        follower.start();
        assertTrue(Poll.until(Duration.ofSeconds(10), () -> text(bytes).equals("line 28\nline 29\n")), text(bytes));
        append("line 30\n");
        assertTrue(Poll.until(Duration.ofSeconds(10), () -> text(bytes).endsWith("line 29\nline 30\n")), text(bytes));
        follower.interrupt(); // Ctrl-C in the console
        follower.join(10_000);
        assertFalse(follower.isAlive(), "Ctrl-C ends the follow");
        assertTrue(interrupted.get());
    }

    @Test
    void followingIsBoundedInTimeAndEndsWhenTheReaderIsGone() throws Exception {
        append(lines(0, 3));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogCommand.show(log(), 1, Duration.ofMillis(300), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                () -> false);
        assertEquals("line 2\n", text(bytes), "returned after the limit, having shown the tail");

        PrintStream gone = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("the client hung up");
            }
        }, true);
        CompletableFuture<Void> following = CompletableFuture.runAsync(() -> {
            try {
                LogCommand.show(log(), 1, Duration.ofMinutes(5), gone, () -> false);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(Poll.until(Duration.ofSeconds(10), following::isDone), "a follow nobody reads ends");
    }

    @Test
    void badInputIsAClearError() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> LogCommand.show(
                dir.resolve("nothing.log"), 5, Duration.ZERO, System.out, () -> false));
        assertTrue(missing.getMessage().contains("nothing.log"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogCommand.show(log(), -1, Duration.ZERO, System.out,
                () -> false));
    }

    private static String text(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
