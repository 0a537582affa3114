package io.lumen.tools.relay;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the relay is told on its command line.
 *
 * @param listenAddress address the relay's ports listen on ("0.0.0.0": every interface)
 * @param listenBase    the base port clients reach the relay at
 * @param host          the host's name or address
 * @param hostBase      the host's base port
 * @param loss          fraction (0 to 1) of the impaired datagrams dropped
 * @param burst         mean length of a run of drops; 1 or less: independent drops
 * @param reorder       fraction of the kept impaired datagrams held back behind later ones
 * @param reorderDepth  how many later datagrams overtake one held back
 * @param delayMillis   how long every impaired datagram is held before it is sent
 * @param seed          seeds the loss and reordering draws of every flow
 * @param both          impair the client's datagrams to the host too, not only the host's to the client
 * @param impaired      the UDP ports whose datagrams are impaired; the others pass as they are
 * @param statsSeconds  how often the counts are printed; 0: only at exit
 */
public record RelayOptions(String listenAddress, int listenBase, String host, int hostBase, double loss, double burst,
                           double reorder, int reorderDepth, int delayMillis, long seed, boolean both,
                           Set<RelayPort> impaired, int statsSeconds) {

    public static final String USAGE = """
            usage: lumen-relay -listen BASEPORT -host HOST:BASEPORT [-loss PCT] [-burst N] [-reorder PCT]
                               [-reorder-depth N] [-delay MS] [-seed N] [-direction down|both]
                               [-streams video,audio,control] [-bind ADDRESS] [-stats SECONDS]
              -listen BASEPORT     the base port clients connect to (the relay opens BASEPORT-5 .. BASEPORT+21)
              -host HOST:BASEPORT  the lumen host and its base port (47989 unless lumen.port moved it)
              -loss PCT            percent of datagrams dropped (default 0)
              -burst N             mean number of datagrams dropped in a row; 1 = independent drops (default 1)
              -reorder PCT         percent of kept datagrams held back behind later ones (default 0)
              -reorder-depth N     how many later datagrams overtake a held one (default 3; at most 50 ms)
              -delay MS            one-way delay added to every impaired datagram (default 0)
              -seed N              seed of the loss and reorder draws (default: printed at start)
              -direction D         down: only host-to-client datagrams are impaired (default);
                                   both: client-to-host too
              -streams LIST        the UDP streams impaired (default video,audio,control); TCP is never impaired
              -bind ADDRESS        address the relay listens on (default 0.0.0.0, every interface)
              -stats SECONDS       print the counts this often (default 5; 0: only at exit)
            The host must name the relay's ports to its clients: start it with lumen.port.advertised=BASEPORT.
            """;

    public RelayOptions {
        impaired = Set.copyOf(impaired);
        checkBase("-listen", listenBase);
        checkBase("-host", hostBase);
        check(loss >= 0 && loss < 1, "-loss is a percentage from 0 to below 100");
        check(reorder >= 0 && reorder <= 1, "-reorder is a percentage from 0 to 100");
        check(burst >= 0 && !Double.isInfinite(burst), "-burst is a mean length of 1 or more");
        check(reorderDepth >= 1, "-reorder-depth is 1 or more");
        check(delayMillis >= 0 && delayMillis <= 10_000, "-delay is 0 to 10000 ms");
        check(statsSeconds >= 0, "-stats is 0 or more seconds");
        for (RelayPort port : impaired) {
            check(port.udp(), "-streams names UDP streams only: video, audio, control");
        }
    }

    /** Parses the command line; an {@link IllegalArgumentException} says what is wrong in the user's words. */
    public static RelayOptions parse(String... args) {
        String listenAddress = "0.0.0.0";
        Integer listen = null;
        String host = null;
        Integer hostBase = null;
        double loss = 0;
        double burst = 1;
        double reorder = 0;
        int reorderDepth = 3;
        int delay = 0;
        Long seed = null;
        boolean both = false;
        Set<RelayPort> impaired = EnumSet.of(RelayPort.VIDEO, RelayPort.AUDIO, RelayPort.CONTROL);
        int stats = 5;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("-h") || option.equals("-help") || option.equals("--help")) {
                throw new IllegalArgumentException("");
            }
            check(i + 1 < args.length, option + " needs a value");
            String value = args[++i];
            switch (option) {
                case "-listen" -> listen = integer(option, value);
                case "-host" -> {
                    int colon = value.lastIndexOf(':');
                    check(colon > 0, "-host is HOST:BASEPORT, e.g. 127.0.0.1:47989");
                    host = value.substring(0, colon).replace("[", "").replace("]", "");
                    hostBase = integer(option, value.substring(colon + 1));
                }
                case "-loss" -> loss = number(option, value) / 100;
                case "-burst" -> burst = number(option, value);
                case "-reorder" -> reorder = number(option, value) / 100;
                case "-reorder-depth" -> reorderDepth = integer(option, value);
                case "-delay" -> delay = integer(option, value);
                case "-seed" -> {
                    try {
                        seed = Long.parseLong(value.strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("-seed takes a whole number, not \"" + value + "\"");
                    }
                }
                case "-direction" -> both = switch (value) {
                    case "down" -> false;
                    case "both" -> true;
                    default -> throw new IllegalArgumentException("-direction is down or both, not " + value);
                };
                case "-streams" -> impaired = streams(value);
                case "-bind" -> listenAddress = value;
                case "-stats" -> stats = integer(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        check(listen != null, "-listen BASEPORT is required");
        check(host != null, "-host HOST:BASEPORT is required");
        return new RelayOptions(listenAddress, listen, host, hostBase, loss, burst, reorder, reorderDepth, delay,
                seed != null ? seed : System.nanoTime() & 0x7fffffffL, both, impaired, stats);
    }

    /** Whether datagrams of {@code port} going {@code direction} go through the loss, reorder and delay model. */
    public boolean impairs(RelayPort port, Direction direction) {
        return impaired.contains(port) && (direction == Direction.DOWN || both);
    }

    /** These options with nothing impaired: the links of the streams left alone. */
    RelayOptions unimpaired() {
        return new RelayOptions(listenAddress, listenBase, host, hostBase, 0, 1, 0, reorderDepth, 0, seed, both,
                impaired, statsSeconds);
    }

    /** One line for the start banner. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(loss == 0 ? "no loss" : String.format(Locale.ROOT, "%.2f%% loss%s", loss * 100,
                burst > 1 ? String.format(Locale.ROOT, " in bursts of %.1f", burst) : " (independent)"));
        if (reorder > 0) {
            parts.add(String.format(Locale.ROOT, "%.2f%% reordered behind %d", reorder * 100, reorderDepth));
        }
        if (delayMillis > 0) {
            parts.add(delayMillis + " ms delay");
        }
        parts.add("on " + String.join(",", impaired.stream().sorted().map(RelayPort::label).toList())
                + (both ? " both ways" : " host-to-client"));
        parts.add("seed " + seed);
        return String.join(", ", parts);
    }

    private static Set<RelayPort> streams(String list) {
        Set<RelayPort> ports = EnumSet.noneOf(RelayPort.class);
        for (String name : list.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                ports.add(RelayPort.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-streams names video, audio or control, not " + name);
            }
        }
        return ports;
    }

    private static void checkBase(String option, int base) {
        check(base + RelayPort.LOWEST_OFFSET >= 1 && base + RelayPort.HIGHEST_OFFSET <= 65535, option + " " + base
                + " leaves no room for its ports (BASEPORT-5 to BASEPORT+21 must be 1 to 65535)");
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not \"" + value + "\"");
        }
    }

    private static double number(String option, String value) {
        try {
            double number = Double.parseDouble(value.strip());
            check(Double.isFinite(number), option + " takes a number, not \"" + value + "\"");
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not \"" + value + "\"");
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
