package io.lumen.encode.libav.impl.ffm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The offsets and constants offsetof() and the headers gave for FFmpeg 5.1 (libavcodec 59, libavutil 57) on x86_64
 * (Debian 12), for the fields the encoders write and the decoder reads; a layout edit that drifts from them fails
 * here rather than corrupting memory at run time.
 */
class AvLayoutsTest {

    @Test
    void frameFieldsMatchTheHeaders() {
        assertEquals(0, AvLayouts.FRAME_DATA);
        assertEquals(64, AvLayouts.FRAME_LINESIZE);
        assertEquals(104, AvLayouts.FRAME_WIDTH);
        assertEquals(108, AvLayouts.FRAME_HEIGHT);
        assertEquals(116, AvLayouts.FRAME_FORMAT);
        assertEquals(124, AvLayouts.FRAME_PICT_TYPE);
        assertEquals(136, AvLayouts.FRAME_PTS);
    }

    @Test
    void packetFieldsMatchTheHeaders() {
        assertEquals(8, AvLayouts.PACKET_PTS);
        assertEquals(24, AvLayouts.PACKET_DATA);
        assertEquals(32, AvLayouts.PACKET_SIZE);
        assertEquals(40, AvLayouts.PACKET_FLAGS);
    }

    @Test
    void constantsMatchTheHeaders() {
        assertEquals(-11, AvLayouts.ERROR_EAGAIN);
        assertEquals(-541478725, AvLayouts.ERROR_EOF);
        assertEquals(0, AvLayouts.PIX_FMT_YUV420P);
        assertEquals(121, AvLayouts.PIX_FMT_BGR0);
        assertEquals(59, Libav.AVCODEC_MAJOR);
    }
}
