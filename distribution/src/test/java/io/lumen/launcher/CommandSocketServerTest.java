package io.lumen.launcher;

import io.lumen.testkit.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command socket on a real (empty) Felix framework: a client that connects and says nothing blocks no other,
 * is dropped after the read timeout, and connections beyond the bound are refused at once.
 */
@Timeout(60)
class CommandSocketServerTest {

    @TempDir
    Path dir;
    private Framework framework;
    private Path socket;
    private final List<SocketChannel> silent = new ArrayList<>();
    private volatile String lastOutput = "";

    @BeforeEach
    void startFramework() throws Exception {
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(Map.of(Constants.FRAMEWORK_STORAGE, dir.resolve("felix").toString(),
                        Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        socket = dir.resolve("run").resolve("command.sock");
    }

    @AfterEach
    void stopFramework() throws Exception {
        for (SocketChannel channel : silent) {
            channel.close();
        }
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void aSilentClientBlocksNoOther() throws Exception {
        try (CommandSocketServer server = new CommandSocketServer(framework.getBundleContext(), socket,
                dir.resolve("shell"), Duration.ofSeconds(30), 4)) {
            server.start();
            SocketChannel quiet = connect();
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(this::command);
            assertTrue(Poll.until(Duration.ofSeconds(10), other::isDone),
                    "a second client is answered while the first one says nothing (for up to 30 s)");
            assertEquals(2, other.join(), "no Gogo runtime in this framework: the command fails, answered");
            assertTrue(quiet.isOpen());
        }
    }

    @Test
    void aSilentClientIsDroppedAfterTheReadTimeout() throws Exception {
        try (CommandSocketServer server = new CommandSocketServer(framework.getBundleContext(), socket,
                dir.resolve("shell"), Duration.ofMillis(500), 4)) {
            server.start();
            SocketChannel quiet = connect();
            CompletableFuture<String> dropped = CompletableFuture.supplyAsync(() -> {
                ByteBuffer buffer = ByteBuffer.allocate(256);
                try {
                    while (quiet.read(buffer) > 0) {
                        // what the host says before it closes
                    }
                    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            assertTrue(Poll.until(Duration.ofSeconds(10), dropped::isDone), "the host closed the silent connection");
            assertEquals("", dropped.join(), "closed without a word: there was no command to answer");
            assertEquals(2, command(), "and serves the next");
        }
    }

    @Test
    void connectionsBeyondTheBoundAreRefusedAtOnce() throws Exception {
        try (CommandSocketServer server = new CommandSocketServer(framework.getBundleContext(), socket,
                dir.resolve("shell"), Duration.ofSeconds(30), 2)) {
            server.start();
            connect();
            connect();
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            CompletableFuture<Integer> third = CompletableFuture.supplyAsync(() -> CommandClient.run(socket,
                    List.of("lumen:clients"), new PrintStream(text, true), new PrintStream(text, true)));
            assertTrue(Poll.until(Duration.ofSeconds(10), third::isDone), "refused at once, not queued for 30 s");
            assertEquals(2, third.join());
            assertTrue(text.toString(StandardCharsets.UTF_8).contains("busy"), text.toString(StandardCharsets.UTF_8));
            for (SocketChannel channel : silent) {
                channel.close();
            }
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> command() == 2 && lastOutput.contains("Gogo")),
                    "served again once the silent ones left: " + lastOutput);
        }
    }

    private int command() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        int status = CommandClient.run(socket, List.of("lumen:clients"), out, out);
        lastOutput = text.toString(StandardCharsets.UTF_8);
        return status;
    }

    private SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        silent.add(channel);
        return channel;
    }
}
