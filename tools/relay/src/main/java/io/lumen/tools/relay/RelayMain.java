package io.lumen.tools.relay;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/** {@code bin/lumen-relay}: starts the relay, prints a line per flow, the counts every few seconds and at exit. */
public final class RelayMain {

    private RelayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RelayOptions options;
        try {
            options = RelayOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("lumen-relay: " + e.getMessage());
            }
            System.err.print(RelayOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        Relay relay;
        try {
            relay = Relay.start(options, RelayMain::line);
        } catch (IOException e) {
            System.err.println("lumen-relay: " + e.getMessage());
            System.exit(1);
            return;
        }
        line("relay: clients at " + options.listenAddress() + ":" + options.listenBase() + " -> host "
                + options.host() + ":" + options.hostBase() + "; " + options.describe());
        line("relay: the host must advertise base port " + options.listenBase()
                + " (lumen.port.advertised) so clients come back through the relay; Ctrl-C stops and prints the counts");
        if (options.statsSeconds() > 0) {
            long[] printedAt = {-1};
            relay.every(options.statsSeconds(), () -> {
                long activity = relay.activity();
                if (activity != printedAt[0]) { // an idle relay does not repeat the same table
                    printedAt[0] = activity;
                    System.out.print(relay.report());
                }
            });
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.print(relay.report());
            System.out.flush();
            relay.close();
            stopped.countDown();
        }, "relay-exit"));
        stopped.await();
    }

    private static void line(String text) {
        System.out.println(text);
    }
}
