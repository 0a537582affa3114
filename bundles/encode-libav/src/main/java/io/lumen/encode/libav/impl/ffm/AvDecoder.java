package io.lumen.encode.libav.impl.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One libavcodec video decoder ("h264", "hevc") fed whole access units, for lumen-client. It reads the decoded
 * AVFrame's planes by the offsets {@link AvLayouts} pins, and sets the codec context through AVOptions by name, as
 * the encoders do. Tuned for a stream: one thread (frame threading would hold pictures back by a frame per
 * thread) and low delay. Single-threaded; closing frees every native object, and is safe to repeat.
 */
@SuppressWarnings("restricted") // libav's frames and planes come back as bare addresses sized here
public final class AvDecoder implements AutoCloseable {

    /** libavcodec reads past the end of an access unit in its bitstream readers: this many zeros follow it. */
    private static final int INPUT_PADDING = 64;
    private static final int MAX_PLANES = 3;

    /** A decoded picture; its planes are valid only during {@link PictureSink#accept}. */
    public interface Picture {
        int width();

        int height();

        /** The AVPixelFormat (0 yuv420p for 8-bit 4:2:0, as x264 and x265 produce for Moonlight). */
        int pixelFormat();

        /** Plane {@code index} (0 luma), its rows {@link #linesize} bytes apart. */
        MemorySegment plane(int index);

        int linesize(int index);
    }

    @FunctionalInterface
    public interface PictureSink {
        void accept(Picture picture) throws AvException;
    }

    private final Libav av;
    private final MemorySegment context;
    private final MemorySegment frame;
    private final MemorySegment packet;
    private final FramePicture picture = new FramePicture();
    private MemorySegment input = MemorySegment.NULL;
    private boolean closed;

    private AvDecoder(Libav av, MemorySegment context, MemorySegment frame, MemorySegment packet) {
        this.av = av;
        this.context = context;
        this.frame = frame.reinterpret(AvLayouts.FRAME_PTS + 8);
        this.packet = packet.reinterpret(AvLayouts.PACKET_FLAGS + 4);
    }

    /** Opens libavcodec's decoder {@code name}: "h264" or "hevc". */
    public static AvDecoder open(Libav av, String name) throws AvException {
        Libav.CodecContext allocated = av.allocateContext(name, false);
        MemorySegment codec = allocated.codec();
        MemorySegment context = allocated.context();
        AvDecoder decoder = new AvDecoder(av, context, allocated.frame(), allocated.packet());
        try {
            av.setOption(context, "threads", "1");
            av.setOption(context, "flags", "low_delay");
            av.check((int) av.open.invokeExact(context, codec, MemorySegment.NULL), "avcodec_open2 " + name);
            return decoder;
        } catch (AvException e) {
            decoder.close();
            throw e;
        } catch (Throwable e) {
            decoder.close();
            throw new AvException("opening decoder " + name + ": " + e);
        }
    }

    /**
     * Decodes one access unit (Annex-B) and hands every picture it completes to {@code sink}; returns how many.
     * A damaged access unit is an {@link AvException} naming libav's reason; the decoder stays usable.
     */
    public int decode(byte[] accessUnit, long pts, PictureSink sink) throws AvException {
        if (input.byteSize() < accessUnit.length + INPUT_PADDING) {
            input = Arena.ofAuto().allocate(Math.max(accessUnit.length + INPUT_PADDING, 2 * input.byteSize()));
        }
        MemorySegment.copy(accessUnit, 0, input, ValueLayout.JAVA_BYTE, 0, accessUnit.length);
        input.asSlice(accessUnit.length, INPUT_PADDING).fill((byte) 0);
        // no buffer reference: libavcodec copies the bytes, so the input buffer may be reused at once
        packet.set(ValueLayout.ADDRESS, AvLayouts.PACKET_DATA, input);
        packet.set(ValueLayout.JAVA_INT, AvLayouts.PACKET_SIZE, accessUnit.length);
        packet.set(ValueLayout.JAVA_LONG, AvLayouts.PACKET_PTS, pts);
        try {
            av.check((int) av.sendPacket.invokeExact(context, packet), "avcodec_send_packet");
        } catch (AvException e) {
            throw e;
        } catch (Throwable e) {
            throw new AvException("avcodec_send_packet: " + e);
        } finally {
            packet.set(ValueLayout.ADDRESS, AvLayouts.PACKET_DATA, MemorySegment.NULL);
            packet.set(ValueLayout.JAVA_INT, AvLayouts.PACKET_SIZE, 0);
        }
        int pictures = 0;
        while (true) {
            int result;
            try {
                result = (int) av.receiveFrame.invokeExact(context, frame);
            } catch (Throwable e) {
                throw new AvException("avcodec_receive_frame: " + e);
            }
            if (result == AvLayouts.ERROR_EAGAIN || result == AvLayouts.ERROR_EOF) {
                return pictures;
            }
            av.check(result, "avcodec_receive_frame");
            try {
                pictures++;
                sink.accept(picture);
            } finally {
                try {
                    av.frameUnref.invokeExact(frame);
                } catch (Throwable e) {
                    throw new AvException("av_frame_unref: " + e);
                }
            }
        }
    }

    /** The decoder's current AVFrame seen as a {@link Picture}. */
    private final class FramePicture implements Picture {

        @Override
        public int width() {
            return frame.get(ValueLayout.JAVA_INT, AvLayouts.FRAME_WIDTH);
        }

        @Override
        public int height() {
            return frame.get(ValueLayout.JAVA_INT, AvLayouts.FRAME_HEIGHT);
        }

        @Override
        public int pixelFormat() {
            return frame.get(ValueLayout.JAVA_INT, AvLayouts.FRAME_FORMAT);
        }

        @Override
        public MemorySegment plane(int index) {
            if (index < 0 || index >= MAX_PLANES) {
                throw new IndexOutOfBoundsException("plane " + index);
            }
            int rows = index == 0 ? height() : (height() + 1) / 2;
            return frame.get(ValueLayout.ADDRESS, AvLayouts.FRAME_DATA + 8L * index)
                    .reinterpret((long) rows * linesize(index));
        }

        @Override
        public int linesize(int index) {
            return frame.get(ValueLayout.JAVA_INT, AvLayouts.FRAME_LINESIZE + 4L * index);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        av.releaseContext(context, frame, packet);
    }
}
