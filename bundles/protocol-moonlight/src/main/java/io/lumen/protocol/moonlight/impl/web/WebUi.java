package io.lumen.protocol.moonlight.impl.web;

import io.lumen.protocol.moonlight.impl.http.HttpListener;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The host's small web page: the PIN form for a pairing client, the paired clients with unpair buttons, the
 * host's status. Served on loopback by default; its forms carry a token made at start, so another web page open
 * in the same browser cannot submit them.
 */
public final class WebUi implements AutoCloseable {

    private final HttpListener listener;

    private WebUi(HttpListener listener) {
        this.listener = listener;
    }

    public static WebUi start(InetSocketAddress address, HostControl host, System.Logger log)
            throws InterruptedException, BindException {
        byte[] token = new byte[16];
        new SecureRandom().nextBytes(token);
        String formToken = HexFormat.of().formatHex(token);
        return new WebUi(HttpListener.start("pin page", address, null,
                () -> new WebUiHandler(host, formToken, log), log));
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
    }
}
