package io.lumen.nativeaccess.net;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

import static io.lumen.nativeaccess.net.SocketAbi.AF_INET;
import static io.lumen.nativeaccess.net.SocketAbi.AF_INET6;

/** InetSocketAddress to and from sockaddr_in / sockaddr_in6 (port and IPv4 address in network byte order). */
final class SocketAddresses {

    private static final ValueLayout.OfShort NET_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort HOST_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt HOST_INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final byte[] V4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};

    private SocketAddresses() {
    }

    /**
     * Writes {@code address} as a sockaddr of {@code family} into {@code into} (at least SOCKADDR_BYTES); returns
     * its length. An IPv4 address goes to an IPv6 socket as ::ffff:a.b.c.d; an IPv6 one cannot reach an IPv4 socket.
     */
    static int write(InetSocketAddress address, int family, MemorySegment into) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(address + " is unresolved");
        }
        into.fill((byte) 0);
        InetAddress ip = address.getAddress();
        if (family == AF_INET) {
            if (!(ip instanceof Inet4Address)) {
                throw new IllegalArgumentException(address + " is IPv6 and the socket is IPv4");
            }
            into.set(HOST_SHORT, 0, (short) AF_INET);
            into.set(NET_SHORT, SocketAbi.SIN_PORT, (short) address.getPort());
            MemorySegment.copy(ip.getAddress(), 0, into, ValueLayout.JAVA_BYTE, SocketAbi.SIN_ADDR, 4);
            return (int) SocketAbi.SOCKADDR_IN.byteSize();
        }
        into.set(HOST_SHORT, 0, (short) AF_INET6);
        into.set(NET_SHORT, SocketAbi.SIN6_PORT, (short) address.getPort());
        if (ip instanceof Inet6Address v6) {
            MemorySegment.copy(v6.getAddress(), 0, into, ValueLayout.JAVA_BYTE, SocketAbi.SIN6_ADDR, 16);
            into.set(HOST_INT, SocketAbi.SIN6_SCOPE_ID, v6.getScopeId());
        } else {
            MemorySegment.copy(V4_MAPPED_PREFIX, 0, into, ValueLayout.JAVA_BYTE, SocketAbi.SIN6_ADDR, 12);
            MemorySegment.copy(ip.getAddress(), 0, into, ValueLayout.JAVA_BYTE, SocketAbi.SIN6_ADDR + 12, 4);
        }
        return (int) SocketAbi.SOCKADDR_IN6.byteSize();
    }

    /** The address a sockaddr holds; a v4-mapped IPv6 address comes back as the IPv4 one, as Java's sockets do. */
    static InetSocketAddress read(MemorySegment sockaddr) {
        int family = sockaddr.get(HOST_SHORT, 0);
        try {
            if (family == AF_INET) {
                byte[] ip = sockaddr.asSlice(SocketAbi.SIN_ADDR, 4).toArray(ValueLayout.JAVA_BYTE);
                return new InetSocketAddress(InetAddress.getByAddress(ip), port(sockaddr, SocketAbi.SIN_PORT));
            }
            if (family == AF_INET6) {
                byte[] ip = sockaddr.asSlice(SocketAbi.SIN6_ADDR, 16).toArray(ValueLayout.JAVA_BYTE);
                int port = port(sockaddr, SocketAbi.SIN6_PORT);
                InetAddress parsed = InetAddress.getByAddress(ip); // an Inet4Address for ::ffff:a.b.c.d
                if (parsed instanceof Inet6Address) {
                    parsed = Inet6Address.getByAddress(null, ip, sockaddr.get(HOST_INT, SocketAbi.SIN6_SCOPE_ID));
                }
                return new InetSocketAddress(parsed, port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a raw address of the right length was refused", e);
        }
        throw new IllegalArgumentException("address family " + family + " is neither IPv4 nor IPv6");
    }

    static int port(MemorySegment sockaddr, long offset) {
        return Short.toUnsignedInt(sockaddr.get(NET_SHORT, offset));
    }
}
