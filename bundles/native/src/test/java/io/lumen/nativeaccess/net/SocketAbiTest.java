package io.lumen.nativeaccess.net;

import io.lumen.nativeaccess.testing.CompiledValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.lumen.nativeaccess.net.SocketAbi.*;
import static io.lumen.nativeaccess.net.SocketMessageAbi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every struct layout and constant SocketAbi and SocketMessageAbi declare, against what gcc says over this machine's
 * headers.
 */
class SocketAbiTest {

    @TempDir
    Path dir;

    private static Map<String, Long> fromJava() {
        Map<String, Long> v = new LinkedHashMap<>();
        v.put("sizeof(struct iovec)", IOVEC.byteSize());
        v.put("offsetof(struct iovec, iov_base)", IOV_BASE);
        v.put("offsetof(struct iovec, iov_len)", IOV_LEN);
        v.put("sizeof(struct msghdr)", MSGHDR.byteSize());
        v.put("offsetof(struct msghdr, msg_name)", MSG_NAME);
        v.put("offsetof(struct msghdr, msg_namelen)", MSG_NAMELEN);
        v.put("offsetof(struct msghdr, msg_iov)", MSG_IOV);
        v.put("offsetof(struct msghdr, msg_iovlen)", MSG_IOVLEN);
        v.put("offsetof(struct msghdr, msg_control)", MSG_CONTROL);
        v.put("offsetof(struct msghdr, msg_controllen)", MSG_CONTROLLEN);
        v.put("offsetof(struct msghdr, msg_flags)", MSG_FLAGS);
        v.put("sizeof(struct mmsghdr)", MMSGHDR.byteSize());
        v.put("offsetof(struct mmsghdr, msg_len)", MMSG_LEN);
        v.put("sizeof(struct cmsghdr)", CMSGHDR.byteSize());
        v.put("offsetof(struct cmsghdr, cmsg_len)", CMSG_LEN_FIELD);
        v.put("offsetof(struct cmsghdr, cmsg_level)", CMSG_LEVEL);
        v.put("offsetof(struct cmsghdr, cmsg_type)", CMSG_TYPE);
        v.put("CMSG_LEN(0)", cmsgLen(0));
        v.put("CMSG_LEN(2)", cmsgLen(2));
        v.put("CMSG_SPACE(2)", cmsgSpace(2));
        v.put("CMSG_SPACE(4)", cmsgSpace(4));
        v.put("CMSG_ALIGN(13)", cmsgAlign(13));
        v.put("sizeof(struct sockaddr_in)", SOCKADDR_IN.byteSize());
        v.put("offsetof(struct sockaddr_in, sin_port)", SIN_PORT);
        v.put("offsetof(struct sockaddr_in, sin_addr)", SIN_ADDR);
        v.put("sizeof(struct sockaddr_in6)", SOCKADDR_IN6.byteSize());
        v.put("offsetof(struct sockaddr_in6, sin6_port)", SIN6_PORT);
        v.put("offsetof(struct sockaddr_in6, sin6_addr)", SIN6_ADDR);
        v.put("offsetof(struct sockaddr_in6, sin6_scope_id)", SIN6_SCOPE_ID);
        v.put("sizeof(struct sockaddr_in6) <= " + SOCKADDR_BYTES, 1L);
        long[] constants = {AF_INET, AF_INET6, SOCK_DGRAM, SOCK_CLOEXEC, SOL_SOCKET, SO_SNDBUF, SO_RCVBUF,
                SO_SNDBUFFORCE, SO_RCVBUFFORCE, SO_MEMINFO, SK_MEMINFO_DROPS, SK_MEMINFO_VARS, SOL_UDP, UDP_SEGMENT,
                UDP_GRO, IPPROTO_IPV6, IPV6_V6ONLY, MSG_WAITFORONE, MSG_TRUNC, SHUT_RDWR, EPERM, EINTR, EIO, EAGAIN,
                EINVAL, EADDRINUSE, ENOSYS, ENOPROTOOPT, EOPNOTSUPP};
        String[] names = {"AF_INET", "AF_INET6", "SOCK_DGRAM", "SOCK_CLOEXEC", "SOL_SOCKET", "SO_SNDBUF", "SO_RCVBUF",
                "SO_SNDBUFFORCE", "SO_RCVBUFFORCE", "SO_MEMINFO", "SK_MEMINFO_DROPS", "SK_MEMINFO_VARS", "SOL_UDP",
                "UDP_SEGMENT", "UDP_GRO", "IPPROTO_IPV6", "IPV6_V6ONLY", "MSG_WAITFORONE", "MSG_TRUNC", "SHUT_RDWR",
                "EPERM", "EINTR", "EIO", "EAGAIN", "EINVAL", "EADDRINUSE", "ENOSYS", "ENOPROTOOPT", "EOPNOTSUPP"};
        for (int i = 0; i < names.length; i++) {
            v.put(names[i], constants[i]);
        }
        return v;
    }

    @Test
    void layoutsAndConstantsMatchTheSystemHeaders() throws Exception {
        Map<String, Long> fromC = CompiledValues.of(dir, fromJava().keySet(), "errno.h", "sys/socket.h",
                "sys/uio.h", "netinet/in.h", "netinet/udp.h", "linux/sock_diag.h");
        assertEquals(fromJava(), fromC);
    }
}
