package io.lumen.encode.nvenc.impl;

import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.media.Codec;
import io.lumen.api.media.VideoMode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which lost pictures the NVENC session may invalidate, as plain Java. What could not run here: nvEncInvalidateRefFrames
 * itself, and a decoder healing from the picture after it (no NVIDIA GPU); the x264 backend's X264HealingTest
 * checks the same window rule against a real encoder and ffmpeg.
 */
class ReferenceWindowTest {

    private static final EncoderConfig CONFIG = new EncoderConfig(Codec.H264, new VideoMode(1280, 720, 60), 10_000, 1,
            false);

    @Test
    void theDpbFollowsTheClientsDecoderAndIntraRefresh() {
        assertEquals(4, ReferenceWindow.references(CONFIG), "the client leaves it to the encoder");
        assertEquals(1, ReferenceWindow.references(CONFIG.withMaxReferenceFrames(1)), "a decoder without RFI");
        assertEquals(2, ReferenceWindow.references(CONFIG.withMaxReferenceFrames(2)));
        assertEquals(4, ReferenceWindow.references(CONFIG.withMaxReferenceFrames(16)));
        assertEquals(1, ReferenceWindow.references(CONFIG.withIntraRefresh(30)));
    }

    @Test
    void numbersAreTheTimestampsInOrder() {
        ReferenceWindow window = new ReferenceWindow(CONFIG);
        assertEquals(-1, window.lastTaken());
        assertEquals(0, window.take());
        assertEquals(1, window.take());
        assertEquals(1, window.lastTaken());
    }

    @Test
    void lostPicturesAreInvalidatedWhileThePictureBeforeThemIsHeld() {
        ReferenceWindow window = sent(new ReferenceWindow(CONFIG), 10); // 0 (the IDR) .. 9
        assertEquals(Optional.empty(), window.refusal(9, 9), "8 is held");
        assertEquals(Optional.empty(), window.refusal(7, 9), "6 is the oldest of 6..9");
        assertEquals(Optional.of("frame 5 has left the 4 reference pictures"), window.refusal(6, 9));
        assertEquals(Optional.of("frame 1 has left the 4 reference pictures"), window.refusal(2, 3));
    }

    @Test
    void theIdrAndUnsentOrBackwardRangesAreRefused() {
        ReferenceWindow window = sent(new ReferenceWindow(CONFIG), 3);
        assertEquals(Optional.of("the IDR 0 is among them"), window.refusal(0, 1));
        assertEquals(Optional.empty(), window.refusal(1, 2));
        assertEquals(Optional.of("not frames this encoder has sent (2 was the last)"), window.refusal(2, 3));
        assertEquals(Optional.of("not frames this encoder has sent (2 was the last)"), window.refusal(2, 1));
        assertEquals(Optional.of("not frames this encoder has sent (2 was the last)"), window.refusal(-1, 1));
        window.take();
        window.idr(3); // a requested keyframe, or a reopened encoder's first picture
        window.take();
        assertEquals(Optional.of("the IDR 3 is among them"), window.refusal(2, 4));
        assertEquals(Optional.empty(), window.refusal(4, 4));
    }

    @Test
    void oneReferenceOrIntraRefreshNeverInvalidates() {
        assertEquals(Optional.of("the client's decoder takes one reference picture"),
                sent(new ReferenceWindow(CONFIG.withMaxReferenceFrames(1)), 5).refusal(4, 4));
        assertEquals(Optional.of("it refreshes in waves with one reference picture"),
                sent(new ReferenceWindow(CONFIG.withIntraRefresh(30)), 5).refusal(4, 4));
    }

    /** {@code count} pictures encoded, the first an IDR. */
    private static ReferenceWindow sent(ReferenceWindow window, int count) {
        for (int i = 0; i < count; i++) {
            long n = window.take();
            if (n == 0) {
                window.idr(0);
            }
        }
        return window;
    }
}
