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

    /** Colours and other terminal escapes (grep marks its matches) that only a terminal shows. */
    private static final java.util.regex.Pattern ESCAPES = java.util.regex.Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

    /** As {@link #run(Path, List, PrintStream, PrintStream, boolean)}, the reply without terminal escapes. */
    static int run(Path socket, List<String> words, PrintStream out, PrintStream err) {
        return run(socket, words, out, err, false);
    }

    /**
     * Returns the exit code: the command's status, or 3 when no host answers. {@code terminal}: {@code out} is a
     * terminal, which shows the reply's colours; anything else (a file, a pipe) gets the text without them.
     */
    static int run(Path socket, List<String> words, PrintStream out, PrintStream err, boolean terminal) {
        if (!Files.exists(socket)) {
            err.println("no lumen host is running with data directory " + socket.getParent().getParent()
                    + " (start one with bin/lumen --headless, or pass --data DIR)");
            return 3;
        }
        String line = commandLine(words);
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            String columns = System.getenv("COLUMNS");
            String width = columns != null && columns.strip().matches("\\d{1,6}")
                    ? CommandSocketServer.COLUMNS_PREFIX + columns.strip() + "\n" : "";
            try {
                channel.write(ByteBuffer.wrap((width + line + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (IOException answeredAlready) {
                // a busy host answers and closes before reading the line: its answer is still there to read
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            String reply;
            while ((reply = in.readLine()) != null) {
                int marker = reply.indexOf(CommandSocketServer.STATUS_PREFIX);
                if (marker >= 0) {
                    if (marker > 0) {
                        out.println(shown(reply.substring(0, marker), terminal));
                    }
                    return Integer.parseInt(reply.substring(marker + CommandSocketServer.STATUS_PREFIX.length()).trim());
                }
                out.println(shown(reply, terminal));
            }
            err.println("the host closed the connection before the command finished");
            return 3;
        } catch (IOException e) {
            err.println("cannot reach the lumen host at " + socket + ": " + e.getMessage());
            return 3;
        }
    }

    private static String shown(String line, boolean terminal) {
        return terminal ? line : ESCAPES.matcher(line).replaceAll("");
    }

    /**
     * The line the host's shell parses, as if typed there. One word is a whole command line
     * ({@code bin/lumen cmd "lb | grep lumen"}); of several, a word with a space or a quote was one argument to the
     * operator's shell and stays one, its spaces and quotes escaped ({@code bin/lumen cmd lumen:pair 1234 "Steam Deck"}).
     */
    static String commandLine(List<String> words) {
        if (words.size() == 1) {
            return words.get(0).replace('\n', ' ');
        }
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            // Gogo takes a backslash before a space or a quote as that character, inside quotes it does not
            line.append(word.isEmpty() ? "\"\"" : word.replaceAll("([\\s'\"])", "\\\\$1"));
        }
        return line.toString().replace('\n', ' ');
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
