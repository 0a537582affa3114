package io.lumen.encode.java.impl;

import org.jcodec.codecs.h264.encode.RateControl;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.common.model.Size;
import io.lumen.api.media.VideoMode;

/**
 * Steers one QP per picture toward the target bits per picture: each picture's size moves the next QP by the
 * log2 of the miss (6 QP steps double or halve the bits in H.264). Keyframes may run larger: a stream restarts
 * from them, and their size is bounded by the client's buffer elsewhere.
 */
final class QpRateControl implements RateControl {

    static final int MIN_QP = 16;
    static final int MAX_QP = 46;
    private static final double KEYFRAME_ALLOWANCE = 4.0;

    private final int fps;
    private volatile int bitrateKbps;
    private int qp;
    private boolean keyframe;

    QpRateControl(int bitrateKbps, VideoMode mode) {
        this.bitrateKbps = bitrateKbps;
        this.fps = mode.fps();
        this.qp = initialQp(bitrateKbps, mode);
    }

    /** A first guess from the bits each pixel may take: about QP 30 at 0.1 bit per pixel, 6 steps per doubling. */
    static int initialQp(int bitrateKbps, VideoMode mode) {
        double bitsPerPixel = bitrateKbps * 1000.0 / mode.fps() / ((double) mode.width() * mode.height());
        int guess = (int) Math.round(30 - 6 * Math.log(bitsPerPixel / 0.1) / Math.log(2));
        return Math.max(MIN_QP, Math.min(MAX_QP, guess));
    }

    void setBitrate(int kbps) {
        bitrateKbps = kbps;
    }

    int qp() {
        return qp;
    }

    @Override
    public int startPicture(Size size, int maxSize, SliceType sliceType) {
        keyframe = sliceType == SliceType.I;
        return qp;
    }

    @Override
    public int initialQpDelta() {
        return 0;
    }

    /** Per-macroblock feedback: the QP stays for the whole picture, so it never moves here. */
    @Override
    public int accept(int bits) {
        return 0;
    }

    /** After a picture: adjust the QP for the next one from the bytes it took. */
    void pictureDone(int bytes) {
        double target = bitrateKbps * 1000.0 / fps * (keyframe ? KEYFRAME_ALLOWANCE : 1.0);
        double miss = Math.log(Math.max(1, bytes * 8.0) / target) / Math.log(2);
        int step = (int) Math.round(Math.max(-4, Math.min(4, miss * 3)));
        qp = Math.max(MIN_QP, Math.min(MAX_QP, qp + step));
    }
}
