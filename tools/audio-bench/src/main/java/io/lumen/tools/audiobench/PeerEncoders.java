package io.lumen.tools.audiobench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The peers: ffmpeg's libopus wrapper and opus-tools' opusenc encoding the same raw PCM, timed by the shell (user
 * plus system CPU of the whole process, start-up included, which is why the PCM is long).
 */
final class PeerEncoders {

    private PeerEncoders() {
    }

    /** ffmpeg at the stream's settings: CBR, low delay, 5 ms frames, the surround mapping family. */
    static Optional<Double> ffmpegSeconds(Path raw, int channels, int bitrateKbps) throws IOException,
            InterruptedException {
        return cpuSeconds("ffmpeg -nostdin -hide_banner -loglevel error -f s16le -ar 48000 -ac " + channels + " -i "
                + raw + " -c:a libopus -b:a " + bitrateKbps + "k -vbr off -application lowdelay -frame_duration 5"
                + " -mapping_family 1 -f null -");
    }

    /** opusenc has no low-delay mode: its default (audio) application, hard CBR, 5 ms frames. */
    static Optional<Double> opusencSeconds(Path raw, int channels, int bitrateKbps) throws IOException,
            InterruptedException {
        return cpuSeconds("opusenc --quiet --raw --raw-rate 48000 --raw-chan " + channels + " --hard-cbr --bitrate "
                + bitrateKbps + " --framesize 5 " + raw + " /dev/null");
    }

    /** The command's user + system CPU seconds, or empty when it is not installed or failed. */
    private static Optional<Double> cpuSeconds(String command) throws IOException, InterruptedException {
        String tool = command.substring(0, command.indexOf(' '));
        Process process = new ProcessBuilder("bash", "-c", "command -v " + tool + " >/dev/null || exit 127;"
                + " TIMEFORMAT='%3U %3S'; { time " + command + " ; } 2>&1").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = process.waitFor();
        if (exit != 0) {
            System.out.println("  " + tool + ": " + (exit == 127 ? "not installed" : "failed: " + output));
            return Optional.empty();
        }
        List<String> lines = output.lines().toList();
        String[] times = lines.get(lines.size() - 1).split(" ");
        return Optional.of(Double.parseDouble(times[0]) + Double.parseDouble(times[1]));
    }
}
