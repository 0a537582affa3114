package io.lumen.capture.pipewire.impl.spa;

import io.lumen.api.audio.AudioChannel;
import io.lumen.api.audio.AudioFormat;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;


/**
 * The raw-audio params of a lumen capture stream (spa/param/audio/raw.h and format.h of PipeWire 0.3.65): one
 * fixed EnumFormat, signed 16-bit native-endian interleaved at 48 kHz in the session's channel order, so that
 * the stream's own converter does every conversion and remix, and the delivered bytes are what the API promises.
 * The sample format must be named: a capture that leaves it open negotiates none and delivers silence.
 */
public final class AudioFormatParams {

    private static final java.lang.foreign.ValueLayout.OfInt INT_LE = JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** {@code SPA_FORMAT_AUDIO_*} keys of a Format object. */
    public static final int KEY_AUDIO_FORMAT = 0x10001;
    public static final int KEY_AUDIO_RATE = 0x10003;
    public static final int KEY_AUDIO_CHANNELS = 0x10004;
    public static final int KEY_AUDIO_POSITION = 0x10005;

    /** {@code enum spa_audio_format}. */
    public static final int S16_LE = 0x103;
    public static final int S16_BE = 0x104;
    public static final int F32_LE = 0x11b;
    public static final int S16_NATIVE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? S16_LE : S16_BE;

    /** A negotiated raw audio format; {@code positions} are {@code spa_audio_channel} numbers. */
    public record NegotiatedAudioFormat(int sampleFormat, int rate, int channels, List<Integer> positions) {
        @Override
        public String toString() {
            return sampleFormatName(sampleFormat) + " " + rate + " Hz " + channels + " ch "
                    + positions.stream().map(AudioFormatParams::positionName).collect(Collectors.joining(" ", "[", "]"));
        }
    }

    /** The {@code spa_audio_channel} number of a Moonlight position; Moonlight's back pair is PipeWire's rear. */
    public static int position(AudioChannel channel) {
        return switch (channel) {
            case FL -> 3;
            case FR -> 4;
            case FC -> 5;
            case LFE -> 6;
            case SL -> 7;
            case SR -> 8;
            case BL -> 12;
            case BR -> 13;
        };
    }

    /** PipeWire's name of a position ("FL", "RL"), as {@code audio.position} takes it. */
    public static String positionName(int position) {
        return switch (position) {
            case 3 -> "FL";
            case 4 -> "FR";
            case 5 -> "FC";
            case 6 -> "LFE";
            case 7 -> "SL";
            case 8 -> "SR";
            case 12 -> "RL";
            case 13 -> "RR";
            default -> "position#" + position;
        };
    }

    /** The layout as an {@code audio.position} property value: "[ FL FR FC LFE RL RR ]". */
    public static String positionProperty(AudioFormat format) {
        return format.positions().stream().map(c -> positionName(position(c)))
                .collect(Collectors.joining(" ", "[ ", " ]"));
    }

    public static String sampleFormatName(int sampleFormat) {
        return switch (sampleFormat) {
            case S16_LE -> "S16LE";
            case S16_BE -> "S16BE";
            case F32_LE -> "F32LE";
            default -> "format#0x" + Integer.toHexString(sampleFormat);
        };
    }

    /** The one EnumFormat a capture offers: S16 native, 48 kHz, the format's channels and positions. */
    public static SpaPod.ObjectPod enumFormat(AudioFormat format) {
        List<SpaPod> positions = new ArrayList<>();
        format.positions().forEach(c -> positions.add(new SpaPod.IdPod(position(c))));
        return new SpaPod.ObjectPod(SpaType.OBJECT_FORMAT, SpaParam.ENUM_FORMAT, List.of(
                new SpaPod.Property(SpaFormat.KEY_MEDIA_TYPE, new SpaPod.IdPod(SpaFormat.MEDIA_TYPE_AUDIO)),
                new SpaPod.Property(SpaFormat.KEY_MEDIA_SUBTYPE, new SpaPod.IdPod(SpaFormat.MEDIA_SUBTYPE_RAW)),
                new SpaPod.Property(KEY_AUDIO_FORMAT, new SpaPod.IdPod(S16_NATIVE)),
                new SpaPod.Property(KEY_AUDIO_RATE, new SpaPod.IntPod(AudioFormat.SAMPLE_RATE)),
                new SpaPod.Property(KEY_AUDIO_CHANNELS, new SpaPod.IntPod(format.channels())),
                new SpaPod.Property(KEY_AUDIO_POSITION, new SpaPod.ArrayPod(SpaType.ID, positions))));
    }

    /**
     * The negotiated format of a param_changed(Format) callback, read straight from its bytes. Not through
     * {@link SpaPodParser}: the format a stream's converter reports wraps the position Array in a None choice, a
     * value the parser (whose choices hold fixed-size values) refuses. Every choice here is taken at its first
     * value, which for a None choice is the value.
     */
    public static NegotiatedAudioFormat parseFormat(MemorySegment pod) throws SpaPodException {
        MemorySegment in = pod.asReadOnly();
        if (in.byteSize() < 16 || in.get(INT_LE, 4) != SpaType.OBJECT || in.get(INT_LE, 8) != SpaType.OBJECT_FORMAT) {
            throw new SpaPodException("not a Format object");
        }
        long end = Math.min(in.byteSize(), 8 + Integer.toUnsignedLong(in.get(INT_LE, 0)));
        Integer mediaType = null;
        Integer mediaSubtype = null;
        int sampleFormat = 0;
        int rate = 0;
        int channels = 0;
        List<Integer> positions = new ArrayList<>();
        for (long at = 16; at + 16 <= end; ) {
            int key = in.get(INT_LE, at);
            long valueSize = Integer.toUnsignedLong(in.get(INT_LE, at + 8));
            int valueType = in.get(INT_LE, at + 12);
            long body = at + 16;
            if (body + valueSize > end) {
                throw new SpaPodException("property 0x" + Integer.toHexString(key) + " overruns the pod");
            }
            long next = body + ((valueSize + 7) & ~7L);
            long propertyEnd = body + valueSize;
            if (valueType == SpaType.CHOICE && valueSize >= 16) { // type, flags, child {size, type}, values
                valueType = in.get(INT_LE, body + 12);
                valueSize = Integer.toUnsignedLong(in.get(INT_LE, body + 8));
                body += 16;
                // the first value must lie inside the choice (found by SpaPodFuzzTest)
                if (body + valueSize > propertyEnd) {
                    throw new SpaPodException("choice of property 0x" + Integer.toHexString(key) + " overruns it");
                }
            }
            if ((valueType == SpaType.ID || valueType == SpaType.INT) && valueSize >= 4) {
                int value = in.get(INT_LE, body);
                switch (key) {
                    case SpaFormat.KEY_MEDIA_TYPE -> mediaType = value;
                    case SpaFormat.KEY_MEDIA_SUBTYPE -> mediaSubtype = value;
                    case KEY_AUDIO_FORMAT -> sampleFormat = value;
                    case KEY_AUDIO_RATE -> rate = value;
                    case KEY_AUDIO_CHANNELS -> channels = value;
                    default -> { }
                }
            } else if (valueType == SpaType.ARRAY && key == KEY_AUDIO_POSITION && valueSize >= 8
                    && in.get(INT_LE, body + 4) == SpaType.ID) {
                for (long item = body + 8; item + 4 <= body + valueSize; item += 4) {
                    positions.add(in.get(INT_LE, item));
                }
            }
            at = next;
        }
        if (mediaType == null || mediaType != SpaFormat.MEDIA_TYPE_AUDIO || mediaSubtype == null
                || mediaSubtype != SpaFormat.MEDIA_SUBTYPE_RAW) {
            throw new SpaPodException("format is " + (mediaType == null ? "?" : SpaFormat.mediaTypeName(mediaType))
                    + "/" + (mediaSubtype == null ? "?" : SpaFormat.mediaSubtypeName(mediaSubtype)) + ", not audio/raw");
        }
        return new NegotiatedAudioFormat(sampleFormat, rate, channels, List.copyOf(positions));
    }

    private AudioFormatParams() {
    }
}
