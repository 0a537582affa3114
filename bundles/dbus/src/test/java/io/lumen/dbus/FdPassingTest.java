package io.lumen.dbus;

import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File descriptors across a real private dbus-daemon, as the portal's OpenPipeWireRemote hands one over: a service
 * returns the read end of a pipe and the client reads what was written into it; the client sends one the other way;
 * plain messages go on working on the same connections.
 */
class FdPassingTest extends OnPrivateBus {

    @DBusInterfaceName("io.lumen.test.Pipes")
    public interface Pipes extends DBusInterface {
        FileDescriptor OpenReader(String text);

        String ReadFrom(FileDescriptor reader);
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle PIPE = libc("pipe", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle READ = libc("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = libc("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    @Test
    void aDescriptorTravelsBothWaysAndPlainCallsStillWork() throws Throwable {
        try (DBusConnection service = SessionBuses.connect(bus.address());
             DBusConnection client = SessionBuses.connect(bus.address())) {
            assertTrue(SessionBuses.passesFileDescriptors(service));
            assertTrue(SessionBuses.passesFileDescriptors(client));
            service.requestBusName("io.lumen.test.PipeService");
            int[] lastServed = new int[1];
            service.exportObject("/io/lumen/test/pipes", new Pipes() {
                @Override
                public FileDescriptor OpenReader(String text) {
                    try {
                        int[] ends = pipe();
                        write(ends[1], text);
                        close(ends[1]);
                        lastServed[0] = ends[0];
                        return new FileDescriptor(ends[0]);
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public String ReadFrom(FileDescriptor reader) {
                    try {
                        String text = readAll(reader.getIntFileDescriptor());
                        close(reader.getIntFileDescriptor());
                        return text;
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public String getObjectPath() {
                    return "/io/lumen/test/pipes";
                }
            });
            Pipes pipes = client.getRemoteObject("io.lumen.test.PipeService", "/io/lumen/test/pipes", Pipes.class);

            int received = pipes.OpenReader("frames flow through here").getIntFileDescriptor();
            close(lastServed[0]);
            assertTrue(received >= 0);
            assertEquals("frames flow through here", readAll(received));
            close(received);

            int[] ends = pipe();
            write(ends[1], "and back");
            close(ends[1]);
            assertEquals("and back", pipes.ReadFrom(new FileDescriptor(ends[0])));
            close(ends[0]);

            // a second descriptor in the same connection is a new one, not a stale queue entry
            int again = pipes.OpenReader("again").getIntFileDescriptor();
            close(lastServed[0]);
            assertNotEquals(-1, again);
            assertEquals("again", readAll(again));
            close(again);

            assertTrue(client.getUniqueName().startsWith(":"));
            assertEquals(client.getUniqueName(), client.getRemoteObject("org.freedesktop.DBus",
                    "/org/freedesktop/DBus", org.freedesktop.dbus.interfaces.DBus.class)
                    .GetNameOwner(client.getUniqueName()));
        }
    }

    private static int[] pipe() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ends = arena.allocate(JAVA_INT, 2);
            assertEquals(0, (int) PIPE.invokeExact(ends));
            return new int[] {ends.getAtIndex(JAVA_INT, 0), ends.getAtIndex(JAVA_INT, 1)};
        }
    }

    private static void write(int fd, String text) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            MemorySegment data = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, data, JAVA_BYTE, 0, bytes.length);
            assertEquals(bytes.length, (long) WRITE.invokeExact(fd, data, (long) bytes.length));
        }
    }

    private static String readAll(int fd) throws Throwable {
        StringBuilder text = new StringBuilder();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(256);
            long count;
            while ((count = (long) READ.invokeExact(fd, buffer, 256L)) > 0) {
                text.append(new String(buffer.asSlice(0, count).toArray(JAVA_BYTE), StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    private static void close(int fd) throws Throwable {
        int ignored = (int) CLOSE.invokeExact(fd);
    }

    private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }
}
