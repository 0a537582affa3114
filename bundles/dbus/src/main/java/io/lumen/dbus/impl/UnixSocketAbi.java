package io.lumen.dbus.impl;

import io.lumen.nativeaccess.Errno;
import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The part of the Linux (x86_64, aarch64) socket ABI a UNIX-domain stream socket with descriptor passing needs
 * beyond what every socket shares ({@link io.lumen.nativeaccess.net.SocketMessageAbi}): glibc's calls, struct
 * layouts and the kernel's constants.
 */
final class UnixSocketAbi {

    static final int AF_UNIX = 1;
    static final int SOCK_STREAM = 1;
    static final int SCM_RIGHTS = 1;
    static final int SO_PEERCRED = 17;
    static final int MSG_CTRUNC = 0x8;
    static final int MSG_NOSIGNAL = 0x4000;
    /** Received descriptors are close-on-exec at once, so a child lumen starts never inherits them. */
    static final int MSG_CMSG_CLOEXEC = 0x40000000;

    /** sockaddr_un: sa_family_t then a 108-byte path. */
    static final int SOCKADDR_UN_BYTES = 110;
    static final int SUN_PATH_OFFSET = 2;
    static final int SUN_PATH_MAX = 108;

    /** struct ucred, what SO_PEERCRED fills. */
    static final StructLayout UCRED = MemoryLayout.structLayout(
            JAVA_INT.withName("pid"), JAVA_INT.withName("uid"), JAVA_INT.withName("gid"));

    static final long UCRED_UID = UCRED.byteOffset(groupElement("uid"));

    private static final NativeLibrary LIBC = NativeLibrary.libc();
    static final MethodHandle CONNECT = call("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle RECVMSG = call("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));

    private UnixSocketAbi() {
    }

    private static MethodHandle call(String name, FunctionDescriptor descriptor) {
        return LIBC.downcall(name, descriptor, Errno.CAPTURE);
    }
}
