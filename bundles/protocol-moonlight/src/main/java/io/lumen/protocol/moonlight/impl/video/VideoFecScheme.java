package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.fec.FecSchemes;
import io.lumen.protocol.moonlight.impl.fec.FecCodecSource;

import java.util.Arrays;
import java.util.Optional;

/** The FEC schemes a video stream can be sent with: the codec each needs, its framing and its pacing ceiling. */
public enum VideoFecScheme {

    /** What every stock client reads. Sunshine's fixed 800 Mbit/s ceiling: above it a gigabit link drops the burst. */
    RS8_MOONLIGHT(FecSchemes.RS8_MOONLIGHT, 800_000_000L),
    /**
     * lumen's extension, for links past a gigabit: the ceiling is only there to keep a frame's burst from
     * outrunning any link this path can fill.
     */
    LEOPARD16(FecSchemes.LEOPARD16, 40_000_000_000L);

    private final String id;
    private final long maxPacingBitsPerSecond;

    VideoFecScheme(String id, long maxPacingBitsPerSecond) {
        this.id = id;
        this.maxPacingBitsPerSecond = maxPacingBitsPerSecond;
    }

    /** The scheme's name in RTSP and the id of the codec service it needs ({@code fec.id}). */
    public String id() {
        return id;
    }

    long maxPacingBitsPerSecond() {
        return maxPacingBitsPerSecond;
    }

    public static Optional<VideoFecScheme> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** The framing of a stream with these parameters, protecting each frame with the codec it leases then. */
    VideoFraming framing(VideoStreamParams params, FecCodecSource codec) {
        return switch (this) {
            case RS8_MOONLIGHT -> new Rs8Packetizer(params, codec);
            case LEOPARD16 -> new Leopard16Packetizer(params, codec);
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
