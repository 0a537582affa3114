package io.lumen.protocol.moonlight.impl.web;

import io.lumen.protocol.moonlight.impl.http.HttpListener;
import io.lumen.protocol.moonlight.impl.net.TcpListener;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The host's small web page: the PIN form for a pairing client, the paired clients with unpair buttons, the
 * host's status. Served on loopback by default; its forms carry a token, so another web page open in the same
 * browser cannot submit them.
 * <p>
 * Listening beyond loopback, it asks for a password first (see {@link WebLogin}). On loopback it does not: only
 * this machine reaches it, where whoever can open it could as well use the host's shell or read its data
 * directory, and the Host check and the form token already keep other web sites out; a password there would only
 * stand between the desktop's own user and their host.
 */
public final class WebUi implements AutoCloseable {

    private final HttpListener listener;
    private final WebLogin login;

    private WebUi(HttpListener listener, WebLogin login) {
        this.listener = listener;
        this.login = login;
    }

    /** Serves the page on {@code address}; beyond loopback with a login whose password is kept in {@code passwordFile}. */
    public static WebUi start(InetSocketAddress address, HostControl host, Path passwordFile, Clock clock,
                              System.Logger log) throws InterruptedException, IOException {
        WebLogin login = address.getAddress().isLoopbackAddress() ? null
                : WebLogin.open(passwordFile, clock, log);
        byte[] token = new byte[16];
        new SecureRandom().nextBytes(token);
        String formToken = HexFormat.of().formatHex(token);
        try {
            WebUi web = new WebUi(HttpListener.start("pin page", address, null, SecurityHeaders.INSTANCE,
                    () -> new WebUiHandler(host, formToken, login, log), log), login);
            if (login != null) {
                log.log(System.Logger.Level.INFO, "pin page: listening beyond loopback (" + address.getAddress()
                        .getHostAddress() + "), so it asks for a password" + login.setupCode().map(code -> "; none is set"
                        + " yet: open the page and choose one with the setup code " + code
                        + " (made anew at each start until a password is set)").orElse(""));
            }
            return web;
        } catch (InterruptedException | IOException | RuntimeException e) {
            if (login != null) {
                login.close();
            }
            throw e;
        }
    }

    public TcpListener.Counts connections() {
        return listener.connections();
    }

    public int port() {
        return listener.port();
    }

    /** "no login (loopback)", "login required", or the setup code still waiting to be used. */
    public String loginStatus() {
        if (login == null) {
            return "no login (loopback only)";
        }
        Optional<String> code = login.setupCode();
        return code.map(c -> "login required; no password yet: set one on the page with the setup code " + c)
                .orElse("login required (password set)");
    }

    @Override
    public void close() {
        listener.close();
        if (login != null) {
            login.close();
        }
    }
}
