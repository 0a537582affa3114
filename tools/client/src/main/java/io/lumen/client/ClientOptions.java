package io.lumen.client;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line, spelled as moonlight-embedded spells it where the two overlap ({@code pair <host> -pin NNNN},
 * {@code list <host>}, {@code stream <host> -app NAME -width -height -fps -bitrate -seconds}, {@code -720},
 * {@code -1080}, {@code -codec}, {@code -quitappafter}), plus lumen's own: {@code -fec}, {@code -port},
 * {@code -dir}, {@code -decode}, {@code -window}. The host may stand anywhere after the action.
 *
 * @param bitrateKbps the video bitrate asked for, in kbit/s as moonlight-embedded takes it
 * @param seconds     how long to stream; 0 streams until interrupted
 * @param pin         the 4-digit PIN to pair with, or null for a random one
 */
record ClientOptions(String action, HostAddress host, String pin, String app, int width, int height, int fps,
                     int bitrateKbps, double seconds, FecChoice fec, String codec, boolean decode, boolean window,
                     boolean quitAfter, Path dir) {

    static final List<String> ACTIONS = List.of("pair", "list", "stream", "quit");

    /** The video FEC scheme to ask for: rs8 is what stock clients get; leopard16 is lumen's extension. */
    enum FecChoice {
        RS8("rs8-moonlight"), LEOPARD16("leopard16");

        final String scheme;

        FecChoice(String scheme) {
            this.scheme = scheme;
        }
    }

    static final String USAGE = """
            usage: lumen-client <action> <host> [options]
              pair <host> [-pin NNNN]    pair with a host: enter the PIN shown at the host (lumen: lumen:pair NNNN)
              list <host>                the host's apps
              stream <host> [options]    stream an app and print statistics, then one LUMEN_CLIENT_RESULT {json} line
              quit <host>                quit the app running on the host
            options:
              -port N            the host's base port (default 47989; HTTPS is N-5, RTSP N+21)
              -dir DIR           where the client keeps its key and the hosts' certificates (default ~/.config/lumen-client)
              -app NAME          the app to stream (default Desktop)
              -width W -height H -fps F    the stream's mode (default 1280x720 at 60); -720, -1080, -4k as shortcuts
              -bitrate KBPS      video bitrate in kbit/s (default 10000)
              -seconds S         stream for S seconds (default 0: until interrupted)
              -fec rs8|leopard16 the video FEC scheme (default rs8, what stock Moonlight clients get)
              -codec h264|hevc   the video codec (default h264)
              -decode libav|none decode with the system's libavcodec (default) or only count what arrives
              -window            show the picture in a window (needs a display)
              -quitappafter      quit the app when the stream ends
            """;

    static ClientOptions parse(String... args) {
        if (args.length == 0 || !ACTIONS.contains(args[0])) {
            throw new IllegalArgumentException(args.length == 0 ? "no action given"
                    : "unknown action '" + args[0] + "' (one of " + String.join(", ", ACTIONS) + ")");
        }
        String host = null;
        String pin = null;
        String app = "Desktop";
        int width = 1280;
        int height = 720;
        int fps = 60;
        int bitrate = 10_000;
        double seconds = 0;
        FecChoice fec = FecChoice.RS8;
        String codec = "h264";
        boolean decode = true;
        boolean window = false;
        boolean quitAfter = false;
        int port = HostAddress.DEFAULT_BASE_PORT;
        Path dir = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-pin" -> pin = value(args, ++i, arg);
                case "-app" -> app = value(args, ++i, arg);
                case "-width" -> width = number(args, ++i, arg, 96, 8192);
                case "-height" -> height = number(args, ++i, arg, 64, 8192);
                case "-fps" -> fps = number(args, ++i, arg, 1, 480);
                case "-bitrate" -> bitrate = number(args, ++i, arg, 100, 1_000_000);
                case "-seconds" -> seconds = number(args, ++i, arg, 0, 86_400);
                case "-port" -> port = number(args, ++i, arg, 6, 65535 - 21);
                case "-dir" -> dir = Path.of(value(args, ++i, arg));
                case "-fec" -> fec = switch (value(args, ++i, arg)) {
                    case "rs8", "rs8-moonlight" -> FecChoice.RS8;
                    case "leopard16" -> FecChoice.LEOPARD16;
                    default -> throw new IllegalArgumentException("-fec takes rs8 or leopard16, not '" + args[i] + "'");
                };
                case "-codec" -> codec = switch (value(args, ++i, arg)) {
                    case "h264", "hevc" -> args[i];
                    default -> throw new IllegalArgumentException("-codec takes h264 or hevc, not '" + args[i] + "'");
                };
                case "-decode" -> decode = switch (value(args, ++i, arg)) {
                    case "libav" -> true;
                    case "none" -> false;
                    default -> throw new IllegalArgumentException("-decode takes libav or none, not '" + args[i] + "'");
                };
                case "-720" -> { width = 1280; height = 720; }
                case "-1080" -> { width = 1920; height = 1080; }
                case "-4k" -> { width = 3840; height = 2160; }
                case "-window" -> window = true;
                case "-quitappafter" -> quitAfter = true;
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (host != null) {
                        throw new IllegalArgumentException("two hosts given: " + host + " and " + arg);
                    }
                    host = arg;
                }
            }
        }
        if (host == null) {
            throw new IllegalArgumentException(args[0] + " needs a host");
        }
        if (pin != null && !pin.matches("\\d{4}")) {
            throw new IllegalArgumentException("-pin takes 4 digits, not '" + pin + "'");
        }
        if (window && !decode) {
            throw new IllegalArgumentException("-window shows decoded pictures: it needs -decode libav");
        }
        return new ClientOptions(args[0], new HostAddress(host, port), pin, app, width, height, fps, bitrate, seconds,
                fec, codec, decode, window, quitAfter, dir == null ? ClientState.defaultDir() : dir);
    }

    /** The launch mode, {@code WIDTHxHEIGHTxFPS}. */
    String mode() {
        return width + "x" + height + "x" + fps;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int number(String[] args, int index, String option, int min, int max) {
        String text = value(args, index, option);
        try {
            int number = Integer.parseInt(text);
            if (number < min || number > max) {
                throw new IllegalArgumentException(option + " takes " + min + " to " + max + ", not " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + text + "'");
        }
    }
}
