package io.lumen.nativeaccess.net;

import io.lumen.nativeaccess.Errno;
import io.lumen.log.WarnOnce;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bound UDP socket (IPv4 or IPv6) through FFM, made for sending batches of equally sized datagrams laid out
 * back to back off-heap, and receiving in batches. Sends block while the send buffer is full, as a blocking
 * DatagramChannel's do. Thread-safe: sends are serialized; one thread receives at a time per {@link ReceivedBatch}.
 *
 * <p>{@link #close} shuts the socket down first, which wakes a thread blocked in {@link #receive}, and releases
 * the descriptor only when the last call in progress has returned, so a descriptor number is never reused under
 * a call still running.
 */
public final class UdpSocket implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.native.udp");
    private static final WarnOnce WARN_ONCE = new WarnOnce(LOG);
    /** The state word's sign bit: closed, no new calls; the rest counts calls in progress. */
    private static final int CLOSED = Integer.MIN_VALUE;

    private final int fd;
    private final int family;
    private final InetSocketAddress localAddress;
    private final AtomicInteger state = new AtomicInteger();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final Arena arena = Arena.ofShared();
    private final BatchSender sender;
    private volatile SendPath sendPath;
    private volatile boolean gro;

    private UdpSocket(int fd, int family, InetSocketAddress localAddress, SendPath sendPath) {
        this.fd = fd;
        this.family = family;
        this.localAddress = localAddress;
        this.sendPath = sendPath;
        this.sender = new BatchSender(fd, family, arena);
    }

    /**
     * A socket bound to {@code address} (port 0 picks one), of the address's family; without SO_REUSEADDR, so a
     * port in use is a {@link BindException}. Nothing stays open when this fails.
     */
    public static UdpSocket open(InetSocketAddress address) throws IOException {
        int family = address.getAddress() instanceof Inet6Address ? SocketAbi.AF_INET6 : SocketAbi.AF_INET;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = Errno.newState(call);
            int fd = (int) SocketMessageAbi.SOCKET.invokeExact(errno, family,
                    SocketAbi.SOCK_DGRAM | SocketMessageAbi.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("socket(" + familyName(family) + ", UDP) failed: "
                        + Errno.describe(Errno.value(errno)));
            }
            try {
                MemorySegment sockaddr = call.allocate(SocketAbi.SOCKADDR_BYTES, 8);
                int length = SocketAddresses.write(address, family, sockaddr);
                if ((int) SocketAbi.BIND.invokeExact(errno, fd, sockaddr, length) < 0) {
                    int error = Errno.value(errno);
                    String message = "binding UDP " + address + " failed: " + Errno.describe(error);
                    throw error == SocketAbi.EADDRINUSE ? new BindException(message) : new IOException(message);
                }
                MemorySegment lengthOut = call.allocate(ValueLayout.JAVA_INT);
                lengthOut.set(ValueLayout.JAVA_INT, 0, SocketAbi.SOCKADDR_BYTES);
                sockaddr.fill((byte) 0);
                if ((int) SocketAbi.GETSOCKNAME.invokeExact(errno, fd, sockaddr, lengthOut) < 0) {
                    throw new IOException("getsockname failed: " + Errno.describe(Errno.value(errno)));
                }
                return new UdpSocket(fd, family, SocketAddresses.read(sockaddr), bestSendPath(fd, call));
            } catch (IOException | RuntimeException | Error e) {
                int ignored = (int) SocketMessageAbi.CLOSE.invokeExact(errno, fd);
                throw e;
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("a socket downcall failed to link", e);
        }
    }

    /** GSO where the kernel knows UDP_SEGMENT (4.18 on); reading the option costs nothing and sends nothing. */
    private static SendPath bestSendPath(int fd, Arena call) throws Throwable {
        int errno = getIntOption(fd, SocketAbi.SOL_UDP, SocketAbi.UDP_SEGMENT, call, new int[1]);
        if (errno == 0) {
            return SendPath.GSO;
        }
        WARN_ONCE.warn("no UDP_SEGMENT", "the kernel has no UDP GSO (reading UDP_SEGMENT: " + Errno.describe(errno)
                + "): batches go out with sendmmsg");
        return SendPath.SENDMMSG;
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** How batches leave now: the best path the kernel has not refused, within any {@link #limitSendPath}. */
    public SendPath sendPath() {
        return sendPath;
    }

    /** Never uses a better path than {@code most} from now on (a bench comparing the paths, a test of a fallback). */
    public void limitSendPath(SendPath most) {
        sendLock.lock();
        try {
            sendPath = sendPath.atMost(most);
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Asks for a send buffer of {@code bytes}; past net.core.wmem_max it tries SO_SNDBUFFORCE (root or
     * CAP_NET_ADMIN). Returns what the kernel then reports, which on Linux is twice what it granted.
     */
    public int sendBuffer(int bytes) throws IOException {
        return buffer(SocketAbi.SO_SNDBUF, SocketAbi.SO_SNDBUFFORCE, bytes, "send");
    }

    /** As {@link #sendBuffer}, for the receive buffer (net.core.rmem_max, SO_RCVBUFFORCE). */
    public int receiveBuffer(int bytes) throws IOException {
        return buffer(SocketAbi.SO_RCVBUF, SocketAbi.SO_RCVBUFFORCE, bytes, "receive");
    }

    /**
     * Lets the kernel hand datagrams of one flow over coalesced (UDP GRO, and a GSO sender's batches on loopback
     * whole); {@link ReceivedBatch} cuts them apart again, so its slots must then take 65535 bytes. Returns false
     * when the kernel refuses.
     */
    public boolean enableGro() throws IOException {
        int errno = call(a -> setIntOption(fd, SocketAbi.SOL_UDP, SocketAbi.UDP_GRO, 1, a));
        if (errno != 0) {
            WARN_ONCE.warn("no UDP_GRO", "the kernel refuses UDP GRO (" + Errno.describe(errno)
                    + "): datagrams are received one by one");
            return false;
        }
        gro = true;
        return true;
    }

    /** Datagrams the kernel dropped because this socket's receive buffer was full, since it opened. */
    public long drops() throws IOException {
        long[] drops = new long[1];
        int errno = call(a -> {
            MemorySegment info = a.allocate(ValueLayout.JAVA_INT, SocketAbi.SK_MEMINFO_VARS);
            MemorySegment length = a.allocateFrom(ValueLayout.JAVA_INT, (int) info.byteSize());
            MemorySegment state = Errno.newState(a);
            if ((int) SocketMessageAbi.GETSOCKOPT.invokeExact(state, fd, SocketMessageAbi.SOL_SOCKET,
                    SocketAbi.SO_MEMINFO, info, length) < 0) {
                return Errno.value(state);
            }
            drops[0] = Integer.toUnsignedLong(info.getAtIndex(ValueLayout.JAVA_INT, SocketAbi.SK_MEMINFO_DROPS));
            return 0;
        });
        if (errno != 0) {
            throw new IOException("reading SO_MEMINFO failed: " + Errno.describe(errno));
        }
        return drops[0];
    }

    /** Sends {@code datagram} whole, as one datagram. */
    public void send(MemorySegment datagram, InetSocketAddress to) throws IOException {
        checkDatagramBytes(datagram.byteSize());
        sendFrom(datagram, (int) datagram.byteSize(), 1, to, SendPath.SINGLE);
    }

    /**
     * Sends {@code count} datagrams of {@code datagramBytes} each, laid out back to back from the start of
     * {@code region}, in order, in as few calls as the {@link #sendPath} allows. Returns when all have left.
     */
    public void sendBatch(MemorySegment region, int datagramBytes, int count, InetSocketAddress to)
            throws IOException {
        checkDatagramBytes(datagramBytes);
        if (count < 0 || region.byteSize() < (long) datagramBytes * count) {
            throw new IllegalArgumentException(count + " datagrams of " + datagramBytes + " bytes do not fit "
                    + region.byteSize() + " bytes");
        }
        sendFrom(region, datagramBytes, count, to, SendPath.GSO);
    }

    private void sendFrom(MemorySegment region, int datagramBytes, int count, InetSocketAddress to, SendPath best)
            throws IOException {
        if (!region.isNative()) {
            throw new IllegalArgumentException("datagrams are sent from off-heap memory only");
        }
        acquire();
        sendLock.lock();
        try {
            sender.destination(to);
            long base = region.address();
            int sent = 0;
            while (sent < count) {
                SendPath path = sendPath.atMost(best);
                long at = base + (long) sent * datagramBytes;
                int left = count - sent;
                int result = switch (path) {
                    case GSO -> sender.gso(at, datagramBytes, left);
                    case SENDMMSG -> sender.mmsg(at, datagramBytes, left);
                    case SINGLE -> sender.single(at, datagramBytes);
                };
                if (result < 0) {
                    result = afterRefusal(path, -result, at, datagramBytes, left, to);
                }
                sent += result;
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("a send downcall failed", e);
        } finally {
            sendLock.unlock();
            release();
        }
    }

    /**
     * A send failed with {@code errno}: retries once if it was interrupted, steps down for good if the kernel
     * refused the path (and the next path takes the same datagrams), else fails. Returns the datagrams sent.
     */
    private int afterRefusal(SendPath path, int errno, long at, int datagramBytes, int left, InetSocketAddress to)
            throws Throwable {
        if (state.get() < 0) {
            throw new ClosedChannelException();
        }
        if (errno == SocketMessageAbi.EINTR) {
            return 0;
        }
        SendPath next = path == SendPath.GSO && refusesGso(errno) ? SendPath.SENDMMSG
                : path == SendPath.SENDMMSG && errno == SocketAbi.ENOSYS ? SendPath.SINGLE : null;
        if (next != null) {
            int sent = next == SendPath.SENDMMSG ? sender.mmsg(at, datagramBytes, left) : sender.single(at, datagramBytes);
            if (sent > 0) {
                sendPath = sendPath.atMost(next);
                WARN_ONCE.warn(path + " refused: " + Errno.describe(errno), "the kernel refuses " + path.description()
                        + " (" + Errno.describe(errno) + ") on UDP " + localAddress + " to " + to + "; sending with "
                        + next.description() + " from now on");
                return sent;
            }
        }
        throw new IOException(path.description() + " of " + (path == SendPath.SINGLE ? 1 : left) + " x "
                + datagramBytes + " bytes from " + localAddress + " to " + to + " failed: " + Errno.describe(errno));
    }

    /** EIO: no checksum offload on the route; EINVAL: segment over the MTU, or checksums off; others: no GSO. */
    private static boolean refusesGso(int errno) {
        return errno == SocketAbi.EIO || errno == SocketAbi.EINVAL || errno == SocketAbi.ENOPROTOOPT
                || errno == SocketAbi.EOPNOTSUPP;
    }

    /**
     * Waits for at least one datagram, then takes as many as are queued, up to the batch's slots; returns the
     * datagrams found. A close from another thread ends the wait with {@link ClosedChannelException}.
     */
    public int receive(ReceivedBatch batch) throws IOException {
        if (gro && batch.slotBytes() < 65_535) {
            throw new IllegalArgumentException("with GRO on, a slot must take 65535 bytes, not " + batch.slotBytes());
        }
        acquire();
        try {
            for (;;) {
                int result = batch.receive(fd);
                if (state.get() < 0) {
                    throw new ClosedChannelException();
                }
                if (result >= 0) {
                    return result;
                }
                if (-result != SocketMessageAbi.EINTR) {
                    throw new IOException("recvmmsg on UDP " + localAddress + " failed: " + Errno.describe(-result));
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("a receive downcall failed", e);
        } finally {
            release();
        }
    }

    public boolean isOpen() {
        return state.get() >= 0;
    }

    /** Ends the socket; a blocked receive wakes. Safe to call more than once, from any thread. */
    @Override
    public void close() {
        int s;
        do {
            s = state.get();
            if (s < 0) {
                return;
            }
        } while (!state.compareAndSet(s, s | CLOSED));
        try (Arena call = Arena.ofConfined()) {
            // unconnected UDP answers ENOTCONN, yet the kernel marks the socket shut and wakes its waiters
            int ignored = (int) SocketMessageAbi.SHUTDOWN.invokeExact(Errno.newState(call), fd,
                    SocketMessageAbi.SHUT_RDWR);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.DEBUG, "shutting UDP " + localAddress + " down: " + e);
        }
        if (s == 0) {
            release(fd);
        }
    }

    /** The descriptor, for tests that set an option this class does not offer. */
    int fd() {
        return fd;
    }

    private void acquire() throws ClosedChannelException {
        int s;
        do {
            s = state.get();
            if (s < 0) {
                throw new ClosedChannelException();
            }
        } while (!state.compareAndSet(s, s + 1));
    }

    private void release() {
        if (state.decrementAndGet() == CLOSED) {
            release(fd);
        }
    }

    /** The last call out after close (or close itself, when none was in): frees the descriptor and the scratch. */
    private void release(int descriptor) {
        try (Arena call = Arena.ofConfined()) {
            int ignored = (int) SocketMessageAbi.CLOSE.invokeExact(Errno.newState(call), descriptor);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.DEBUG, "closing UDP " + localAddress + ": " + e);
        }
        arena.close();
    }

    private int buffer(int option, int forceOption, int bytes, String what) throws IOException {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a " + what + " buffer of " + bytes + " bytes");
        }
        int[] granted = new int[1];
        int errno = call(a -> {
            int error = setIntOption(fd, SocketMessageAbi.SOL_SOCKET, option, bytes, a);
            if (error != 0) {
                return error;
            }
            getIntOption(fd, SocketMessageAbi.SOL_SOCKET, option, a, granted);
            long wanted = 2L * bytes; // what the kernel reports when it grants all
            if (granted[0] < wanted && setIntOption(fd, SocketMessageAbi.SOL_SOCKET, forceOption, bytes, a) == 0) {
                getIntOption(fd, SocketMessageAbi.SOL_SOCKET, option, a, granted);
            }
            return 0;
        });
        if (errno != 0) {
            throw new IOException("setting the " + what + " buffer failed: " + Errno.describe(errno));
        }
        return granted[0];
    }

    @FunctionalInterface
    private interface SocketCall {
        int run(Arena arena) throws Throwable;
    }

    /** Runs {@code body} while the socket is open, with a scratch arena; returns its errno (0: fine). */
    private int call(SocketCall body) throws IOException {
        acquire();
        try (Arena scratch = Arena.ofConfined()) {
            return body.run(scratch);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("a socket option downcall failed", e);
        } finally {
            release();
        }
    }

    private static int setIntOption(int fd, int level, int option, int value, Arena arena) throws Throwable {
        MemorySegment errno = Errno.newState(arena);
        MemorySegment in = arena.allocateFrom(ValueLayout.JAVA_INT, value);
        int result = (int) SocketAbi.SETSOCKOPT.invokeExact(errno, fd, level, option, in, Integer.BYTES);
        return result < 0 ? Errno.value(errno) : 0;
    }

    /** Reads an int option into {@code out[0]}; returns the errno (0: fine). */
    private static int getIntOption(int fd, int level, int option, Arena arena, int[] out) throws Throwable {
        MemorySegment errno = Errno.newState(arena);
        MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
        MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_INT, Integer.BYTES);
        int result = (int) SocketMessageAbi.GETSOCKOPT.invokeExact(errno, fd, level, option, value, length);
        if (result < 0) {
            return Errno.value(errno);
        }
        out[0] = value.get(ValueLayout.JAVA_INT, 0);
        return 0;
    }

    private static void checkDatagramBytes(long bytes) {
        if (bytes < 1 || bytes > BatchSender.MAX_GSO_BYTES) {
            throw new IllegalArgumentException("a UDP datagram holds 1.." + BatchSender.MAX_GSO_BYTES
                    + " bytes, not " + bytes);
        }
    }

    private static String familyName(int family) {
        return family == SocketAbi.AF_INET6 ? "IPv6" : "IPv4";
    }

    @Override
    public String toString() {
        return "UDP " + localAddress + " (" + sendPath.description() + (isOpen() ? "" : ", closed") + ")";
    }
}
