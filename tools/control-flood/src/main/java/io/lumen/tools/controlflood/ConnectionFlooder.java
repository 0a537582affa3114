package io.lumen.tools.controlflood;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The child process of {@code run connections}: holds TCP connections against the host's listeners from many
 * loopback addresses, each as long as the host lets it, and reconnects when the host closes it. Its own process so
 * that its sockets, threads and heap do not count as the host's. Prints a status line each second; stops, closing
 * everything, when its standard input ends.
 * <p>
 * Arguments: host, then "name=port" per listener, then first and last source octet (127.0.0.x), connections per
 * address and listener, and the pause in milliseconds before a closed connection is made again.
 */
public final class ConnectionFlooder {

    /** What a connection does once open. */
    enum Attack {
        /** Sends nothing. */
        IDLE,
        /** A request line, then one header byte every few seconds: never a whole request. */
        SLOWLORIS,
        /** The start of a TLS ClientHello announcing 512 bytes, then one byte every few seconds. */
        HALF_TLS,
        /** 64 KiB of request line, or 4 KiB of random bytes, then waits for the host to close. */
        GARBAGE
    }

    private static final long TRICKLE_MILLIS = 3_000;
    private static final byte[] CLIENT_HELLO_START = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03};

    private final InetSocketAddress target;
    private final String listener;
    private final long pauseMillis;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger[] openByAttack = new AtomicInteger[Attack.values().length];
    private final AtomicLong connects;
    private final AtomicLong connectFailures;
    private final AtomicLong answered;
    private volatile boolean stopped;

    private ConnectionFlooder(InetSocketAddress target, String listener, long pauseMillis, Totals totals) {
        this.target = target;
        this.listener = listener;
        this.pauseMillis = pauseMillis;
        this.connects = totals.connects;
        this.connectFailures = totals.connectFailures;
        this.answered = totals.answered;
        for (int i = 0; i < openByAttack.length; i++) {
            openByAttack[i] = totals.openByAttack[i];
        }
    }

    /** Counters shared by every listener's flooder. */
    private static final class Totals {
        final AtomicLong connects = new AtomicLong();
        final AtomicLong connectFailures = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final AtomicInteger[] openByAttack = new AtomicInteger[Attack.values().length];

        Totals() {
            for (int i = 0; i < openByAttack.length; i++) {
                openByAttack[i] = new AtomicInteger();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        InetAddress host = InetAddress.getByName(args[0]);
        int first = Integer.parseInt(args[args.length - 4]);
        int last = Integer.parseInt(args[args.length - 3]);
        int perAddress = Integer.parseInt(args[args.length - 2]);
        long pause = Long.parseLong(args[args.length - 1]);
        Totals totals = new Totals();
        List<ConnectionFlooder> flooders = new ArrayList<>();
        for (int i = 1; i < args.length - 4; i++) {
            String[] namePort = args[i].split("=");
            ConnectionFlooder flooder = new ConnectionFlooder(new InetSocketAddress(host, Integer.parseInt(namePort[1])),
                    namePort[0], pause, totals);
            flooders.add(flooder);
            boolean tls = namePort[0].equals("https");
            for (int octet = first; octet <= last; octet++) {
                InetAddress source = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) octet});
                for (int n = 0; n < perAddress; n++) {
                    Attack attack = switch (n % 3) {
                        case 0 -> Attack.IDLE;
                        case 1 -> tls ? Attack.HALF_TLS : Attack.SLOWLORIS;
                        default -> Attack.GARBAGE;
                    };
                    long seed = octet * 1000L + n;
                    Thread.ofVirtual().name("flood-" + namePort[0]).start(() -> flooder.loop(source, attack, seed));
                }
            }
        }
        Thread.ofPlatform().daemon().name("flood-status").start(() -> {
            while (true) {
                System.out.println(status(flooders, totals));
                LockSupport.parkNanos(1_000_000_000L);
            }
        });
        InputStream parent = System.in;
        while (parent.read() != -1) {
            // the parent stops the flood by closing this stream
        }
        for (ConnectionFlooder flooder : flooders) {
            flooder.stop();
        }
        System.out.println(status(flooders, totals));
        System.out.println("done");
        System.exit(0);
    }

    private static String status(List<ConnectionFlooder> flooders, Totals totals) {
        StringBuilder line = new StringBuilder("status");
        int held = 0;
        for (ConnectionFlooder flooder : flooders) {
            line.append(' ').append(flooder.listener.replace(' ', '-')).append('=').append(flooder.open.size());
            held += flooder.open.size();
        }
        for (Attack attack : Attack.values()) {
            line.append(' ').append(attack.name().toLowerCase(Locale.ROOT)).append('=')
                    .append(totals.openByAttack[attack.ordinal()].get());
        }
        return line.append(String.format(Locale.ROOT, " held=%d connects=%d connectFailures=%d answered=%d fds=%d",
                held, totals.connects.get(), totals.connectFailures.get(), totals.answered.get(), fds())).toString();
    }

    private static long fds() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private void loop(InetAddress source, Attack attack, long seed) {
        Random random = new Random(seed);
        while (!stopped) {
            Socket socket = new Socket();
            try {
                socket.bind(new InetSocketAddress(source, 0));
                open.add(socket);
                socket.connect(target, 5_000);
                connects.incrementAndGet();
                openByAttack[attack.ordinal()].incrementAndGet();
                try {
                    attack(socket, attack, random);
                } finally {
                    openByAttack[attack.ordinal()].decrementAndGet();
                }
            } catch (IOException e) {
                if (!socket.isConnected()) {
                    connectFailures.incrementAndGet();
                }
            } finally {
                open.remove(socket);
                closeQuietly(socket);
            }
            LockSupport.parkNanos(pauseMillis * 1_000_000L);
        }
    }

    /** Returns once the host closed the connection (or it failed). */
    private void attack(Socket socket, Attack attack, Random random) throws IOException {
        OutputStream out = socket.getOutputStream();
        switch (attack) {
            case IDLE -> awaitClose(socket, false);
            case SLOWLORIS -> {
                out.write((listener.equals("rtsp") ? "OPTIONS rtsp://127.0.0.1:48010 RTSP/1.0\r\nCSeq: 1\r\n"
                        : "GET /serverinfo HTTP/1.1\r\nHost: 127.0.0.1\r\n").getBytes(StandardCharsets.US_ASCII));
                awaitClose(socket, true);
            }
            case HALF_TLS -> {
                out.write(CLIENT_HELLO_START);
                awaitClose(socket, true);
            }
            case GARBAGE -> {
                byte[] junk;
                if (random.nextBoolean()) {
                    junk = ("GET /" + "A".repeat(65_536) + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                } else {
                    junk = new byte[4096];
                    random.nextBytes(junk);
                }
                out.write(junk);
                awaitClose(socket, false);
            }
        }
    }

    /** Reads (and counts any answer) until the host closes; {@code trickle} sends one byte each quiet interval. */
    private void awaitClose(Socket socket, boolean trickle) throws IOException {
        socket.setSoTimeout(trickle ? (int) TRICKLE_MILLIS : 0);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        boolean counted = false;
        while (!stopped) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                if (!counted) {
                    answered.incrementAndGet();
                    counted = true;
                }
            } catch (SocketTimeoutException quiet) {
                socket.getOutputStream().write('a');
            }
        }
    }

    private void stop() {
        stopped = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }
}
