package io.lumen.dbus.impl;

import io.lumen.nativeaccess.Errno;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.lumen.dbus.impl.UnixSocketAbi.*;
import static io.lumen.nativeaccess.net.SocketMessageAbi.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A connected, blocking UNIX-domain stream socket made through FFM, so that file descriptors can travel beside the
 * bytes (SCM_RIGHTS), which the JDK's own channels cannot do. dbus-java only reads, writes, asks whether it is
 * open and closes it; the rest of SocketChannel is refused.
 *
 * <p>Descriptors that arrive are queued until the message reader claims them; descriptors to send ride on the next
 * write. The socket is only closed when no read or write is inside a system call, so a blocked reader is woken
 * (shutdown) and its descriptor number is never reused under it.
 */
final class FdPassingSocketChannel extends SocketChannel {

    /** Room for this many descriptors per received chunk; dbus-daemon allows 16 per message by default. */
    private static final int MAX_FDS_PER_READ = 64;
    private static final int MAX_READ_BYTES = 64 * 1024;

    private final Path path;
    private final Object lock = new Object();
    private final List<Integer> received = new ArrayList<>();
    private final List<Integer> outbound = new ArrayList<>();
    private int fd;
    private int callsInside;
    private boolean closing;
    private boolean truncatedWarned;

    private FdPassingSocketChannel(int fd, Path path) {
        super(SelectorProvider.provider());
        this.fd = fd;
        this.path = path;
    }

    /** Connects to the socket at {@code path}. */
    static FdPassingSocketChannel connect(Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH_MAX) {
            throw new IOException("socket path too long for a UNIX socket address: " + path);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Errno.newState(arena);
            int fd = (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("socket(AF_UNIX): " + Errno.describe(Errno.value(state)));
            }
            MemorySegment address = arena.allocate(SOCKADDR_UN_BYTES, 8);
            address.set(JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(name, 0, address, JAVA_BYTE, SUN_PATH_OFFSET, name.length);
            int result;
            do {
                result = (int) CONNECT.invokeExact(state, fd, address, SUN_PATH_OFFSET + name.length + 1);
            } while (result < 0 && Errno.value(state) == EINTR);
            if (result < 0) {
                int errno = Errno.value(state);
                int ignored = (int) CLOSE.invokeExact(state, fd);
                throw new IOException("connect to " + path + ": " + Errno.describe(errno));
            }
            return new FdPassingSocketChannel(fd, path);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    /** Hands the descriptors received so far to the caller, who now owns them. */
    List<Integer> takeReceivedDescriptors() {
        synchronized (lock) {
            List<Integer> taken = List.copyOf(received);
            received.clear();
            return taken;
        }
    }

    /** Descriptors to send with the next write; the caller keeps its own (the kernel duplicates them). */
    void sendWithNextWrite(List<Integer> descriptors) {
        synchronized (lock) {
            outbound.addAll(descriptors);
        }
    }

    /** The user id of the process at the other end. */
    int peerUid() throws IOException {
        int socket = enter();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Errno.newState(arena);
            MemorySegment credentials = arena.allocate(UCRED);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) UCRED.byteSize());
            int result = (int) GETSOCKOPT.invokeExact(state, socket, SOL_SOCKET, SO_PEERCRED, credentials, length);
            if (result < 0) {
                throw new IOException("SO_PEERCRED: " + Errno.describe(Errno.value(state)));
            }
            return credentials.get(JAVA_INT, UCRED_UID);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        } finally {
            exit();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        int socket = enter();
        try (Arena arena = Arena.ofConfined()) {
            int want = Math.min(dst.remaining(), MAX_READ_BYTES);
            MemorySegment data = arena.allocate(want);
            long controlBytes = cmsgSpace((long) MAX_FDS_PER_READ * Integer.BYTES);
            MemorySegment control = arena.allocate(controlBytes, 8);
            MemorySegment iov = arena.allocate(IOVEC);
            iov.set(JAVA_LONG, IOV_LEN, want);
            iov.set(ADDRESS, IOV_BASE, data);
            MemorySegment header = arena.allocate(MSGHDR);
            header.set(ADDRESS, MSG_IOV, iov);
            header.set(JAVA_LONG, MSG_IOVLEN, 1);
            header.set(ADDRESS, MSG_CONTROL, control);
            header.set(JAVA_LONG, MSG_CONTROLLEN, controlBytes);
            MemorySegment state = Errno.newState(arena);
            long count;
            do {
                count = (long) RECVMSG.invokeExact(state, socket, header, MSG_CMSG_CLOEXEC);
            } while (count < 0 && Errno.value(state) == EINTR);
            if (count < 0) {
                throw new IOException("recvmsg on " + path + ": " + Errno.describe(Errno.value(state)));
            }
            collectDescriptors(control, header.get(JAVA_LONG, MSG_CONTROLLEN));
            if ((header.get(JAVA_INT, MSG_FLAGS) & MSG_CTRUNC) != 0 && !truncatedWarned) {
                truncatedWarned = true;
                System.getLogger(FdPassingSocketChannel.class.getName()).log(System.Logger.Level.WARNING,
                        "D-Bus peer sent more than " + MAX_FDS_PER_READ + " file descriptors at once on " + path
                                + "; the extra ones were dropped by the kernel");
            }
            if (count == 0) {
                return -1;
            }
            dst.put(data.asSlice(0, count).toArray(JAVA_BYTE));
            return (int) count;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        } finally {
            exit();
        }
    }

    private void collectDescriptors(MemorySegment control, long length) {
        long offset = 0;
        long headerBytes = CMSGHDR.byteSize();
        while (offset + headerBytes <= length) {
            long messageLength = control.get(JAVA_LONG, offset + CMSG_LEN_FIELD);
            if (messageLength < headerBytes || offset + messageLength > length) {
                break;
            }
            if (control.get(JAVA_INT, offset + CMSG_LEVEL) == SOL_SOCKET
                    && control.get(JAVA_INT, offset + CMSG_TYPE) == SCM_RIGHTS) {
                long descriptors = (messageLength - headerBytes) / Integer.BYTES;
                synchronized (lock) {
                    for (long i = 0; i < descriptors; i++) {
                        received.add(control.get(JAVA_INT, offset + headerBytes + i * Integer.BYTES));
                    }
                }
            }
            offset += cmsgAlign(messageLength);
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int socket = enter();
        try (Arena arena = Arena.ofConfined()) {
            int total = src.remaining();
            byte[] bytes = new byte[total];
            src.get(bytes);
            MemorySegment data = arena.allocate(Math.max(1, total));
            MemorySegment.copy(bytes, 0, data, JAVA_BYTE, 0, total);
            List<Integer> descriptors;
            synchronized (lock) {
                descriptors = List.copyOf(outbound);
                outbound.clear();
            }
            MemorySegment state = Errno.newState(arena);
            MemorySegment iov = arena.allocate(IOVEC);
            MemorySegment header = arena.allocate(MSGHDR);
            header.set(ADDRESS, MSG_IOV, iov);
            header.set(JAVA_LONG, MSG_IOVLEN, 1);
            int written = 0;
            while (written < total) {
                iov.set(ADDRESS, IOV_BASE, data.asSlice(written));
                iov.set(JAVA_LONG, IOV_LEN, total - written);
                // the descriptors go with the first byte of the message, as the receiver expects them
                if (written == 0 && !descriptors.isEmpty()) {
                    long dataBytes = (long) descriptors.size() * Integer.BYTES;
                    MemorySegment control = arena.allocate(cmsgSpace(dataBytes), 8);
                    control.set(JAVA_LONG, CMSG_LEN_FIELD, cmsgLen(dataBytes));
                    control.set(JAVA_INT, CMSG_LEVEL, SOL_SOCKET);
                    control.set(JAVA_INT, CMSG_TYPE, SCM_RIGHTS);
                    for (int i = 0; i < descriptors.size(); i++) {
                        control.set(JAVA_INT, CMSGHDR.byteSize() + (long) i * Integer.BYTES, descriptors.get(i));
                    }
                    header.set(ADDRESS, MSG_CONTROL, control);
                    header.set(JAVA_LONG, MSG_CONTROLLEN, control.byteSize());
                } else {
                    header.set(ADDRESS, MSG_CONTROL, MemorySegment.NULL);
                    header.set(JAVA_LONG, MSG_CONTROLLEN, 0);
                }
                long sent = (long) SENDMSG.invokeExact(state, socket, header, MSG_NOSIGNAL);
                if (sent < 0) {
                    if (Errno.value(state) == EINTR) {
                        continue;
                    }
                    throw new IOException("sendmsg on " + path + ": " + Errno.describe(Errno.value(state)));
                }
                written += (int) sent;
            }
            return total;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        } finally {
            exit();
        }
    }

    private int enter() throws ClosedChannelException {
        synchronized (lock) {
            if (closing) {
                throw new ClosedChannelException();
            }
            callsInside++;
            return fd;
        }
    }

    private void exit() {
        synchronized (lock) {
            callsInside--;
            if (closing && callsInside == 0) {
                closeDescriptors();
            }
        }
    }

    @Override
    protected void implCloseSelectableChannel() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            if (callsInside == 0) {
                closeDescriptors();
            } else {
                invoke(SHUTDOWN_CALL, fd);
            }
        }
    }

    /** The socket and any received descriptors nobody claimed. */
    private void closeDescriptors() {
        if (fd >= 0) {
            invoke(CLOSE_CALL, fd);
            fd = -1;
        }
        received.forEach(unclaimed -> invoke(CLOSE_CALL, unclaimed));
        received.clear();
    }

    private static final int SHUTDOWN_CALL = 0;
    private static final int CLOSE_CALL = 1;

    private static void invoke(int which, int descriptor) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Errno.newState(arena);
            int ignored = which == SHUTDOWN_CALL ? (int) SHUTDOWN.invokeExact(state, descriptor, SHUT_RDWR)
                    : (int) CLOSE.invokeExact(state, descriptor);
        } catch (Throwable e) {
            // closing is best effort: the descriptor is forgotten either way
        }
    }

    @Override
    protected void implConfigureBlocking(boolean block) throws IOException {
        if (!block) {
            throw new IOException("this D-Bus socket is blocking only");
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            if (dsts[i].hasRemaining()) {
                return read(dsts[i]);
            }
        }
        return 0;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public boolean isConnected() {
        return isOpen();
    }

    @Override
    public boolean isConnectionPending() {
        return false;
    }

    @Override
    public boolean connect(SocketAddress remote) throws IOException {
        throw new IOException("already connected to " + path);
    }

    @Override
    public boolean finishConnect() {
        return true;
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return UnixDomainSocketAddress.of(path);
    }

    @Override
    public SocketAddress getLocalAddress() {
        return null;
    }

    @Override
    public SocketChannel bind(SocketAddress local) throws IOException {
        throw new UnsupportedOperationException("a connected D-Bus client socket is not bound");
    }

    @Override
    public <T> SocketChannel setOption(SocketOption<T> name, T value) {
        throw new UnsupportedOperationException("no socket options on the D-Bus socket");
    }

    @Override
    public <T> T getOption(SocketOption<T> name) {
        throw new UnsupportedOperationException("no socket options on the D-Bus socket");
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Set.of();
    }

    @Override
    public SocketChannel shutdownInput() {
        throw new UnsupportedOperationException("the D-Bus socket is shut down by closing it");
    }

    @Override
    public SocketChannel shutdownOutput() {
        throw new UnsupportedOperationException("the D-Bus socket is shut down by closing it");
    }

    @Override
    public Socket socket() {
        throw new UnsupportedOperationException("the D-Bus socket has no java.net.Socket");
    }

    @Override
    public String toString() {
        return "FdPassingSocketChannel[" + path + "]";
    }
}
