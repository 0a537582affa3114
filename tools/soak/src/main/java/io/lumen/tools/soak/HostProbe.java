package io.lumen.tools.soak;

import com.sun.tools.attach.VirtualMachine;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one process holds, read from outside: its threads and resident size from /proc/PID/status, its open file
 * descriptors from /proc/PID/fd, and through the attach API (what jcmd uses, without a JVM start per sample) the
 * heap in use right after a full GC and the native memory committed in total (the JVM must run with
 * -XX:NativeMemoryTracking=summary). Diagnostic commands go through HotSpot's own attach class, which the launching
 * script exports ({@code --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED}).
 */
final class HostProbe implements AutoCloseable {

    /**
     * One sample; memory in KiB. {@code nativeCommittedKib} is NMT's committed total less the Java heap's committed
     * part: the heap is measured by what it holds after a GC, and how much of it the collector keeps committed
     * changes with every collection, which would bury a native leak in the total.
     */
    record Sample(int threads, int fds, long heapUsedKib, long nativeCommittedKib, long heapCommittedKib, long rssKib) {
    }

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern NMT_HEAP = Pattern.compile("Java Heap \\(reserved=(\\d+)KB, committed=(\\d+)KB");

    private final long pid;
    private final VirtualMachine vm;
    private final Method executeJCmd;

    private HostProbe(long pid, VirtualMachine vm, Method executeJCmd) {
        this.pid = pid;
        this.vm = vm;
        this.executeJCmd = executeJCmd;
    }

    static HostProbe attach(long pid) throws IOException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(String.valueOf(pid));
        } catch (com.sun.tools.attach.AttachNotSupportedException e) {
            throw new IOException("cannot attach to pid " + pid + ": " + e.getMessage(), e);
        }
        try {
            Method execute = Class.forName("sun.tools.attach.HotSpotVirtualMachine").getMethod("executeJCmd",
                    String.class);
            return new HostProbe(pid, vm, execute);
        } catch (ReflectiveOperationException e) {
            vm.detach();
            throw new IOException("this JVM cannot run diagnostic commands through the attach API (" + e
                    + "); run with --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED", e);
        }
    }

    /** A full sample: runs a full GC in the target first, so heap figures are what survives a collection. */
    Sample sample() throws IOException {
        jcmd("GC.run");
        long heap = heapUsedKib(jcmd("GC.heap_info"));
        String summary = jcmd("VM.native_memory summary");
        long heapCommitted = heapCommittedKib(summary);
        Status status = status(pid);
        return new Sample(status.threads(), openFds(pid), heap, nativeCommittedKib(summary) - heapCommitted,
                heapCommitted, status.rssKib());
    }

    String jcmd(String command) throws IOException {
        try (InputStream in = (InputStream) executeJCmd.invoke(vm, command)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof IOException io ? io
                    : new IOException("jcmd " + command + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IOException("jcmd " + command + ": " + e.getMessage()
                    + " (run with --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED)", e);
        }
    }

    static long heapUsedKib(String heapInfo) throws IOException {
        Matcher m = HEAP_USED.matcher(heapInfo);
        if (!m.find()) {
            throw new IOException("no 'used NK' in GC.heap_info: " + heapInfo.strip());
        }
        return Long.parseLong(m.group(1));
    }

    static long nativeCommittedKib(String summary) throws IOException {
        Matcher m = NMT_TOTAL.matcher(summary);
        if (!m.find()) {
            throw new IOException("no NMT total (is -XX:NativeMemoryTracking=summary set?): " + summary.strip());
        }
        return Long.parseLong(m.group(2));
    }

    static long heapCommittedKib(String summary) throws IOException {
        Matcher m = NMT_HEAP.matcher(summary);
        if (!m.find()) {
            throw new IOException("no Java Heap line in the NMT summary: " + summary.strip());
        }
        return Long.parseLong(m.group(2));
    }

    private record Status(int threads, long rssKib) {
    }

    private static Status status(long pid) throws IOException {
        int threads = -1;
        long rss = -1;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.substring(8).strip());
            } else if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.substring(6).replace("kB", "").strip());
            }
        }
        return new Status(threads, rss);
    }

    static int openFds(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return (int) fds.count();
        }
    }

    @Override
    public void close() throws IOException {
        vm.detach();
    }
}
