package io.lumen.testkit.x11;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** The reading thread of an X client the tests watch through its output (xinput test-xi2, xev). */
final class OutputLines {

    /** What is kept of the output for failure messages. */
    private static final int KEPT = 4096;

    private OutputLines() {
    }

    /**
     * Hands each line of {@code process}'s output to {@code parser} until it ends, keeping the start of it in
     * {@code kept}; both {@code kept} and {@code ended} run under {@code monitor}'s lock.
     */
    static void read(Process process, Object monitor, StringBuilder kept, Consumer<String> parser, Runnable ended) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (monitor) {
                    if (kept.length() < KEPT) {
                        kept.append(line).append('\n');
                    }
                }
                parser.accept(line);
            }
        } catch (IOException ignored) {
            // the process was stopped
        } finally {
            synchronized (monitor) {
                ended.run();
            }
        }
    }
}
