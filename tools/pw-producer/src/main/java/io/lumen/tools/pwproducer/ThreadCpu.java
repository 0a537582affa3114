package io.lumen.tools.pwproducer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads, from {@code /proc/PID/task/TID}: the kernel's run time in ns
 * ({@code schedstat}) under the thread's name ({@code comm}). Native threads count too: libpipewire's loop and
 * data threads, and x264's workers, which carry the name of the thread that created them.
 */
final class ThreadCpu {

    /** One thread's name and run time so far. */
    record ThreadTime(String name, long nanos) {
    }

    private ThreadCpu() {
    }

    /** Every live thread of {@code pid} by thread id; a thread that ends while being read is left out. */
    static Map<Long, ThreadTime> sample(long pid) throws IOException {
        Map<Long, ThreadTime> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    String runtime = Files.readString(task.resolve("schedstat")).strip().split(" ")[0];
                    threads.put(Long.parseLong(task.getFileName().toString()), new ThreadTime(name, Long.parseLong(runtime)));
                } catch (NoSuchFileException ended) {
                    // the thread ended between listing and reading
                }
            }
        }
        return threads;
    }

    /**
     * The CPU each thread name used between two samples, largest first. A thread born after {@code before} counts
     * from zero; one that ended before {@code after} is missing (its time shows in the process total only).
     */
    static Map<String, Long> usedByName(Map<Long, ThreadTime> before, Map<Long, ThreadTime> after) {
        Map<String, Long> used = new HashMap<>();
        after.forEach((tid, thread) -> {
            ThreadTime earlier = before.get(tid);
            long start = earlier != null && earlier.name().equals(thread.name()) ? earlier.nanos() : 0;
            used.merge(thread.name(), thread.nanos() - start, Long::sum);
        });
        Map<String, Long> sorted = new LinkedHashMap<>();
        used.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /** User and system CPU of the whole process {@code pid} in ns (clock ticks of 10 ms, the kernel's USER_HZ). */
    static long processNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // the name, field 2, is in parentheses and may hold spaces: count fields after its closing one
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L;
    }
}
