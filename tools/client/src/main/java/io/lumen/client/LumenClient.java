package io.lumen.client;

import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.MoonlightTestClient.PairOutcome;
import io.lumen.testkit.moonlight.Reply;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * lumen's reference client, {@code bin/lumen-client}: pair, list, stream, quit (see {@link ClientOptions#USAGE}).
 * Exit codes: 0 done, 1 the host or the network failed, 2 a wrong command line, 3 not paired.
 */
public final class LumenClient {

    static final String DEVICE_NAME = "lumen-client";
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_PAIRED = 3;

    private final PrintStream out;
    private final PrintStream err;

    public LumenClient(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new LumenClient(System.out, System.err).run(args));
    }

    /** Runs one command line; returns the exit code. */
    public int run(String... args) {
        ClientOptions options;
        try {
            options = ClientOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("lumen-client: " + e.getMessage());
            err.print(ClientOptions.USAGE);
            return USAGE;
        }
        try {
            ClientState state = new ClientState(options.dir());
            return switch (options.action()) {
                case "pair" -> pair(options, state);
                case "list" -> list(options, state);
                case "quit" -> quit(options, state);
                case "stream" -> new StreamCommand(options, paired(options, state), out, err).run();
                default -> throw new IllegalStateException(options.action());
            };
        } catch (NotPaired e) {
            err.println("lumen-client: " + e.getMessage());
            return NOT_PAIRED;
        } catch (ConnectException | HttpConnectTimeoutException e) {
            err.println("lumen-client: cannot reach " + options.host() + ": " + e.getMessage()
                    + " (is the host running, and is -port its base port?)");
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("lumen-client: interrupted");
            return FAILED;
        } catch (Exception e) {
            err.println("lumen-client: " + options.action() + " failed: " + e);
            return FAILED;
        }
    }

    private int pair(ClientOptions options, ClientState state) throws Exception {
        MoonlightTestClient client = connect(options.host(), state.identity(), null);
        String pin = options.pin() != null ? options.pin()
                : String.format("%04d", new SecureRandom().nextInt(10_000));
        out.println("Please enter the following PIN on the target PC: " + pin);
        out.println("  (at a lumen host: in its shell 'lumen:pair " + pin + "', or 'bin/lumen cmd lumen:pair " + pin
                + "', or its PIN page)");
        out.flush();
        PairOutcome outcome = client.pair(pin, () -> { });
        switch (outcome) {
            case PAIRED -> {
                state.pinHost(options.host(), client.hostCertificate());
                out.println("Paired with " + options.host() + "; its certificate is kept in " + state.dir());
                return 0;
            }
            case WRONG_PIN -> err.println("lumen-client: the PIN entered at the host was not " + pin
                    + ": not paired");
            case REFUSED -> err.println("lumen-client: " + options.host() + " refused to pair (another client may be"
                    + " pairing, or the PIN was not entered in time)");
        }
        return FAILED;
    }

    private int list(ClientOptions options, ClientState state) throws Exception {
        MoonlightTestClient client = paired(options, state);
        List<String> apps = client.apps();
        for (int i = 0; i < apps.size(); i++) {
            String app = apps.get(i);
            out.println((i + 1) + ". " + app.substring(app.indexOf('=') + 1));
        }
        return 0;
    }

    private int quit(ClientOptions options, ClientState state) throws Exception {
        Reply reply = paired(options, state).cancel();
        if (reply.status() != 200 || !"1".equals(reply.field("cancel"))) {
            err.println("lumen-client: the host did not quit the app: " + reply);
            return FAILED;
        }
        out.println("Quit the app on " + options.host());
        return 0;
    }

    /** A client pinned to the host's certificate, which the host still knows as paired. */
    private static MoonlightTestClient paired(ClientOptions options, ClientState state) throws Exception {
        X509Certificate pinned = state.hostCertificate(options.host()).orElseThrow(() -> new NotPaired(
                "not paired with " + options.host() + ": run 'lumen-client pair " + options.host().host()
                        + (options.host().basePort() == HostAddress.DEFAULT_BASE_PORT ? ""
                        : " -port " + options.host().basePort()) + "' first"));
        MoonlightTestClient client = connect(options.host(), state.identity(), pinned);
        Reply info = client.https("/serverinfo", "");
        if (info.status() == 401 || !"1".equals(info.field("PairStatus"))) {
            throw new NotPaired(options.host() + " no longer knows this client (unpaired at the host?): pair again");
        }
        if (info.status() != 200) {
            throw new IOException("serverinfo answered " + info);
        }
        return client;
    }

    /**
     * A client for the host's ports counted from its base port, HTTPS five below: not the HttpsPort serverinfo names,
     * which a relay on other ports passes on unchanged.
     */
    private static MoonlightTestClient connect(HostAddress host, ClientIdentity identity, X509Certificate pinned) {
        return new MoonlightTestClient(host.host(), host.httpPort(), host.httpsPort(), identity, DEVICE_NAME)
                .trusting(pinned);
    }

    /** The host has no pairing with this client. */
    static final class NotPaired extends Exception {
        NotPaired(String message) {
            super(message);
        }
    }
}
