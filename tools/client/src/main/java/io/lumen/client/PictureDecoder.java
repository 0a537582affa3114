package io.lumen.client;

import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.StampCodec;
import io.lumen.encode.libav.impl.ffm.AvDecoder;
import io.lumen.encode.libav.impl.ffm.AvException;
import io.lumen.encode.libav.impl.ffm.Libav;
import io.lumen.encoding.EncodingException;
import io.lumen.testkit.moonlight.ReceivedFrame;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Decodes the stream's frames with the system's libavcodec, from the first IDR frame on, and reads the synthetic
 * capture's stamp from each picture (the stamps {@code StampTrack} reads in the tests, through the same
 * {@link StampCodec}) to time it from capture to decoded. Pictures without a stamp (another capture) are decoded
 * and counted, not timed. A frame libavcodec refuses is counted and skipped; the client asks for an IDR when
 * frames are lost, and the picture heals with it.
 */
final class PictureDecoder implements AutoCloseable {

    private final AvDecoder decoder;
    private final StreamStats stats;
    private final PictureWindow window;
    private boolean started;

    private PictureDecoder(AvDecoder decoder, StreamStats stats, PictureWindow window) {
        this.decoder = decoder;
        this.stats = stats;
        this.window = window;
    }

    /** {@code window} may be null. */
    static PictureDecoder open(String codec, StreamStats stats, PictureWindow window) throws IOException {
        Libav av = Libav.system();
        if (!av.isAvailable()) {
            throw new IOException("cannot decode: " + av.unavailableReason().orElseThrow()
                    + " (install ffmpeg's libraries, or stream with -decode none)");
        }
        try {
            return new PictureDecoder(AvDecoder.open(av, codec), stats, window);
        } catch (AvException e) {
            throw new IOException("cannot open libavcodec's " + codec + " decoder: " + e.getMessage(), e);
        }
    }

    void decode(ReceivedFrame frame) {
        started |= frame.idr();
        if (!started) {
            return; // nothing before the first IDR frame can be decoded
        }
        try {
            decoder.decode(frame.data(), frame.frameIndex(), picture -> {
                long decodedMicros = nowMicros();
                stats.pictureDecoded();
                stamp(picture).ifPresent(stamp -> stats.latency(stamp.microsUntil(decodedMicros)));
                if (window != null) {
                    try {
                        window.show(picture);
                    } catch (EncodingException e) {
                        stats.decodeFailed(); // a picture libswscale could not convert for the window
                    }
                }
            });
        } catch (AvException e) {
            stats.decodeFailed();
        }
    }

    private static Optional<FrameStamp> stamp(AvDecoder.Picture picture) {
        if (picture.width() < StampCodec.MIN_WIDTH || picture.height() < StampCodec.MIN_HEIGHT) {
            return Optional.empty();
        }
        return StampCodec.read(picture.plane(0), 0, picture.linesize(0), picture.width(), picture.height());
    }

    /** The synthetic capture's clock: wall-clock microseconds since the epoch. */
    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    @Override
    public void close() {
        decoder.close();
    }
}
