package io.lumen.tools.audiobench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A native thread of this process (libpipewire's loop thread, which Java's thread bean does not see), by name. */
final class PipeWireTask {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private PipeWireTask() {
    }

    /** The task id of the thread named {@code name} (the kernel keeps 15 characters of it). */
    static long find(String name) throws IOException {
        String kernelName = name.length() > 15 ? name.substring(0, 15) : name;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).strip().equals(kernelName)) {
                    return Long.parseLong(task.getFileName().toString());
                }
            }
        }
        throw new IllegalStateException("no thread named " + kernelName);
    }

    /** User plus system CPU of the task, in nanoseconds (to the kernel's 10 ms tick). */
    static long cpuNanos(long task) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task/" + task + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }
}
