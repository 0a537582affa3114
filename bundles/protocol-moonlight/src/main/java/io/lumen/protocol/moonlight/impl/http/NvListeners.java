package io.lumen.protocol.moonlight.impl.http;

import io.lumen.protocol.moonlight.impl.tls.HostTls;

import java.net.BindException;
import java.net.InetSocketAddress;

/** The two GameStream listeners: plain HTTP for discovery and pairing, HTTPS for paired clients. */
public final class NvListeners {

    private NvListeners() {
    }

    public static HttpListener http(InetSocketAddress address, NvContext context) throws InterruptedException, BindException {
        return HttpListener.start("gamestream http", address, null, NvHttpHandler.factory(context, false),
                context.log());
    }

    public static HttpListener https(InetSocketAddress address, NvContext context, HostTls tls)
            throws InterruptedException, BindException {
        return HttpListener.start("gamestream https", address, tls::newEngine, NvHttpHandler.factory(context, true),
                context.log());
    }
}
