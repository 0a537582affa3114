package io.lumen.dbus.impl;

import io.lumen.nativeaccess.net.SocketMessageAbi;

/** Whether this JVM can make the FFM calls descriptor passing needs; asked once. */
final class FdPassing {

    private static final String UNAVAILABLE = probe();

    private FdPassing() {
    }

    static boolean available() {
        return UNAVAILABLE == null;
    }

    private static String probe() {
        try {
            // initialising the ABI classes links every downcall they hold
            return SocketMessageAbi.SENDMSG != null && UnixSocketAbi.RECVMSG != null ? null : "sendmsg missing";
        } catch (Throwable e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            System.getLogger(FdPassing.class.getName()).log(System.Logger.Level.WARNING,
                    "D-Bus connections will not pass file descriptors (the JDK socket transport is used): " + reason);
            return reason;
        }
    }
}
