package io.lumen.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code bin/lumen cmd ...}: sends one command line to the running host and prints the reply. */
final class CommandClient {

    private CommandClient() {
    }

    /** Returns the exit code: the command's status, or 3 when no host answers. */
    static int run(Path socket, List<String> words, PrintStream out, PrintStream err) {
        if (!Files.exists(socket)) {
            err.println("no lumen host is running with data directory " + socket.getParent().getParent()
                    + " (start one with bin/lumen --headless, or pass --data DIR)");
            return 3;
        }
        String line = String.join(" ", words).replace('\n', ' ');
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            String reply;
            while ((reply = in.readLine()) != null) {
                int marker = reply.indexOf(CommandSocketServer.STATUS_PREFIX);
                if (marker >= 0) {
                    if (marker > 0) {
                        out.println(reply.substring(0, marker));
                    }
                    return Integer.parseInt(reply.substring(marker + CommandSocketServer.STATUS_PREFIX.length()).trim());
                }
                out.println(reply);
            }
            err.println("the host closed the connection before the command finished");
            return 3;
        } catch (IOException e) {
            err.println("cannot reach the lumen host at " + socket + ": " + e.getMessage());
            return 3;
        }
    }

    /** Whether a host listens on {@code socket} (a stale socket file refuses connections). */
    static boolean answers(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
