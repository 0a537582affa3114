package io.lumen.nativeaccess.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What this machine's C compiler says of expressions over the system's headers (sizeof, offsetof, constants): a
 * program written and compiled at test time in the test's own folder, never kept. Shared by the modules whose
 * FFM layouts it checks, through this module's test jar.
 */
public final class CompiledValues {

    private CompiledValues() {
    }

    /**
     * The value of each of {@code expressions} with {@code headers} included (after stdio.h and stddef.h, with
     * _GNU_SOURCE so glibc declares its extensions, such as sendmmsg's struct mmsghdr); skips the calling test,
     * saying why, when gcc or one of the headers is not installed.
     */
    public static Map<String, Long> of(Path dir, Collection<String> expressions, String... headers)
            throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("gcc"), "gcc is not installed: the C cross-check is skipped");
        StringBuilder c = new StringBuilder("#define _GNU_SOURCE\n#include <stdio.h>\n#include <stddef.h>\n");
        for (String header : headers) {
            if (header.startsWith("linux/")) {
                Assumptions.assumeTrue(Files.exists(Path.of("/usr/include", header)), "linux-libc-dev is not "
                        + "installed (no " + header + "): the C cross-check is skipped");
            }
            c.append("#include <").append(header).append(">\n");
        }
        c.append("int main(void) {\n");
        for (String expression : expressions) {
            c.append("  printf(\"%s=%lu\\n\", \"").append(expression).append("\", (unsigned long) (")
                    .append(expression).append("));\n");
        }
        c.append("  return 0;\n}\n");
        Path source = dir.resolve("values.c");
        Files.writeString(source, c);
        Path binary = dir.resolve("values");
        assertEquals("", run(dir, "gcc", "-o", binary.toString(), source.toString()).trim());
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : run(dir, binary.toString()).split("\n")) {
            int equals = line.lastIndexOf('=');
            values.put(line.substring(0, equals), Long.parseLong(line.substring(equals + 1)));
        }
        return values;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed: " + output);
        return output;
    }
}
