package io.lumen.client;

import io.lumen.testkit.moonlight.AudioReceiverStats;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.VideoReceiverStats;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one stream delivered, counted on the thread that takes its frames: frames and their bytes, decoded
 * pictures, and the capture-to-decoded latency of each picture that carried a synthetic-capture stamp. Renders the
 * once-a-second line and the final {@code LUMEN_CLIENT_RESULT} json.
 *
 * <p>The latency percentiles leave out the stream's first second: the first frames arrive while the control stream
 * is still connecting and the decoder runs its first (slow, not yet compiled) calls, and wait up to ~200 ms for it;
 * a dozen such frames would be the p99 of a short run.
 */
final class StreamStats {

    static final String RESULT_PREFIX = "LUMEN_CLIENT_RESULT ";

    private final long settlingNanos;
    private final String fecScheme;
    private final String mode;
    private final String codec;
    private final String decoding;
    private long startNanos = System.nanoTime();
    private long frames;
    private long bytes;
    private long decoded;
    private long decodeErrors;
    static final long SETTLING_NANOS = 1_000_000_000L;

    private long[] latencies = new long[1024];
    private long stamped;
    private int latencyCount;
    private long lastFrameNanos = startNanos;
    private long reportedFrames;
    private long reportedBytes;
    private int reportedLatencies;
    private long reportedNanos = startNanos;

    StreamStats(String fecScheme, String mode, String codec, String decoding) {
        this(fecScheme, mode, codec, decoding, SETTLING_NANOS);
    }

    /** {@code settlingNanos}: how long after {@link #begin} pictures are counted but not timed. */
    StreamStats(String fecScheme, String mode, String codec, String decoding, long settlingNanos) {
        this.settlingNanos = settlingNanos;
        this.fecScheme = fecScheme;
        this.mode = mode;
        this.codec = codec;
        this.decoding = decoding;
    }

    /** Starts the clock: the streams are connected. */
    void begin() {
        startNanos = System.nanoTime();
        lastFrameNanos = startNanos;
        reportedNanos = startNanos;
    }

    void frameReceived(ReceivedFrame frame) {
        frames++;
        bytes += frame.data().length;
        lastFrameNanos = System.nanoTime();
    }

    void pictureDecoded() {
        decoded++;
    }

    void decodeFailed() {
        decodeErrors++;
    }

    /** A decoded picture's stamp said it was captured {@code micros} before it was decoded. */
    void latency(long micros) {
        stamped++;
        if (System.nanoTime() - startNanos < settlingNanos) {
            return;
        }
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, latencyCount * 2);
        }
        latencies[latencyCount++] = micros;
    }

    long nanosSinceLastFrame() {
        return System.nanoTime() - lastFrameNanos;
    }

    long frames() {
        return frames;
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The line printed once a second: totals, and the rate and latency of the second just past. */
    String liveLine(VideoReceiverStats video, AudioReceiverStats audio) {
        long now = System.nanoTime();
        double interval = Math.max(1e-3, (now - reportedNanos) / 1e9);
        String line = String.format(Locale.ROOT,
                "%6.1f s  frames %d (+%d)  lost %d  repaired %d shards  %.1f Mbit/s  decoded %d%s  audio %d lost %d"
                        + "  fec %s",
                seconds(), frames, frames - reportedFrames, video.framesLost(), video.dataShardsRebuilt(),
                (bytes - reportedBytes) * 8 / interval / 1e6, decoded,
                latencyCount > reportedLatencies ? String.format(Locale.ROOT, "  latency p50 %.1f ms",
                        percentile(Arrays.copyOfRange(latencies, reportedLatencies, latencyCount), 50) / 1000.0) : "",
                audio.delivered(), audio.lost(), fecScheme);
        reportedFrames = frames;
        reportedBytes = bytes;
        reportedLatencies = latencyCount;
        reportedNanos = now;
        return line;
    }

    /** The final result: one line, a json object, after {@link #RESULT_PREFIX}. */
    String resultLine(VideoReceiverStats video, long socketDrops, AudioReceiverStats audio, long idrRequests) {
        double seconds = seconds();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("fec", fecScheme);
        result.put("mode", mode);
        result.put("codec", codec);
        result.put("decode", decoding);
        result.put("seconds", round(seconds, 2));
        result.put("frames_received", frames);
        result.put("frames_lost", video.framesLost());
        result.put("frames_repaired", video.framesRecovered());
        result.put("shards_repaired", video.dataShardsRebuilt());
        result.put("mbps", round(bytes * 8 / Math.max(seconds, 1e-3) / 1e6, 2));
        result.put("datagrams", video.datagramsReceived());
        result.put("datagrams_rejected", video.datagramsRejected());
        result.put("socket_drops", socketDrops);
        result.put("idr_requests", idrRequests);
        result.put("frames_decoded", decoded);
        result.put("decode_errors", decodeErrors);
        result.put("stamped_pictures", stamped);
        result.put("latency_after_s", settlingNanos / 1e9);
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        result.put("latency_p50_ms", latencyCount == 0 ? null : round(percentile(sorted, 50) / 1000.0, 2));
        result.put("latency_p99_ms", latencyCount == 0 ? null : round(percentile(sorted, 99) / 1000.0, 2));
        result.put("audio_packets", audio.delivered());
        result.put("audio_lost", audio.lost());
        return RESULT_PREFIX + json(result);
    }

    /** Nearest-rank percentile; sorts {@code values} in place. */
    static long percentile(long[] values, int percent) {
        Arrays.sort(values);
        int rank = (int) Math.ceil(percent / 100.0 * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    /** Strings, numbers and null are all the result holds. */
    static String json(Map<String, Object> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(name).append("\":");
            if (value instanceof String text) {
                json.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                json.append(value);
            }
        });
        return json.append('}').toString();
    }
}
