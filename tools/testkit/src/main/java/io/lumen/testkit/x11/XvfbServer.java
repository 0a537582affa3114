package io.lumen.testkit.x11;

import io.lumen.testkit.Commands;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code Xvfb} on a display number nobody uses, found by trying: a number whose socket or lock file exists
 * is skipped, and a server that exits at once (another one took the number first) makes the next number be tried.
 * Ready when its socket {@code /tmp/.X11-unix/XN} exists and the server accepts an X connection. Closing stops it,
 * which removes its socket and lock file.
 */
public final class XvfbServer implements AutoCloseable {

    /** Set in CI (bash .ci/run): a missing Xvfb or xinput then fails the tests instead of skipping them. */
    public static final String REQUIRE_ENV = "LUMEN_REQUIRE_X11";

    private static final Path SOCKETS = Path.of("/tmp/.X11-unix");
    private static final int FIRST_NUMBER = 40;
    private static final int LAST_NUMBER = 400;
    private static final Duration READY_WAIT = Duration.ofSeconds(10);

    private final int number;
    private final int width;
    private final int height;
    private final Process process;
    private final Path log;

    private XvfbServer(int number, int width, int height, Process process, Path log) {
        this.number = number;
        this.width = width;
        this.height = height;
        this.process = process;
        this.log = log;
    }

    /**
     * Why a test may skip instead of fail: {@code Xvfb} or {@code xinput} is not installed and {@value #REQUIRE_ENV}
     * is unset. Empty when the tests must run.
     */
    public static Optional<String> skipReason() {
        if (System.getenv(REQUIRE_ENV) != null) {
            return Optional.empty();
        }
        List<String> missing = List.of("Xvfb", "xinput").stream().filter(c -> !Commands.onPath(c)).toList();
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(String.join(", ", missing) + " not installed (bash .ci/run installs xvfb and xinput)");
    }

    /** A 1280x720 24-bit screen. */
    public static XvfbServer start(String... extraArguments) throws IOException {
        return start(1280, 720, extraArguments);
    }

    /**
     * Starts a server with one screen of {@code width} x {@code height} and returns once it accepts connections.
     *
     * @param extraArguments more Xvfb options, e.g. {@code "-extension", "XTEST"} to leave XTEST out
     */
    public static XvfbServer start(int width, int height, String... extraArguments) throws IOException {
        Path log = Files.createTempFile("lumen-xvfb-", ".log");
        List<String> tried = new ArrayList<>();
        for (int number = FIRST_NUMBER + (int) (ProcessHandle.current().pid() % 50); number <= LAST_NUMBER;
             number++) {
            if (Files.exists(SOCKETS.resolve("X" + number)) || Files.exists(Path.of("/tmp/.X" + number + "-lock"))) {
                continue;
            }
            // -noreset: an X server resets when its last client leaves (the readiness check's, a test's observer),
            // refusing connections meanwhile and forgetting its keymap and lock state; tests saw both, under load
            List<String> command = new ArrayList<>(List.of("Xvfb", ":" + number, "-screen", "0",
                    width + "x" + height + "x24", "-nolisten", "tcp", "-noreset"));
            command.addAll(List.of(extraArguments));
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            } catch (IOException e) {
                Files.deleteIfExists(log);
                throw new IOException("Xvfb could not be started (bash .ci/run installs it): " + e.getMessage(), e);
            }
            XvfbServer server = new XvfbServer(number, width, height, process, log);
            if (server.awaitReady()) {
                return server;
            }
            server.stop();
            tried.add(":" + number);
            if (tried.size() >= 5) {
                break;
            }
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        throw new IOException("no Xvfb started (tried " + tried + "): " + output);
    }

    /** The display name, ":N", as DISPLAY and XOpenDisplay take it. */
    public String display() {
        return ":" + number;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server (clients see their connection break) and waits until it is gone. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // an untidy temp file, not an error
        }
    }

    /** False when the server exited (the number was taken) or did not answer within {@link #READY_WAIT}. */
    private boolean awaitReady() {
        Path socket = SOCKETS.resolve("X" + number);
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(socket) && answers(socket, deadline)) {
                return true;
            }
            try {
                process.waitFor(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * Whether the server at {@code socket} accepts an X connection: the setup request with no authorization (an
     * Xvfb started without -auth lets local clients in) must be answered with status 1, Success.
     */
    private static boolean answers(Path socket, long deadline) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer setup = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            setup.put((byte) 'l').put((byte) 0).putShort((short) 11).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).flip();
            while (setup.hasRemaining()) {
                channel.write(setup);
            }
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0 || selector.select(left) == 0) {
                return false;
            }
            ByteBuffer status = ByteBuffer.allocate(1);
            return channel.read(status) == 1 && status.get(0) == 1;
        } catch (IOException e) {
            return false;
        }
    }
}
