package io.lumen.encode.libav.impl.ffm;

import io.lumen.encoding.EncoderPicture;
import io.lumen.encoding.PlaneTable;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;

/**
 * One libavcodec encoder: its codec context (configured through AVOptions by name, before and after opening), one
 * reusable input AVFrame whose planes the caller fills, and one reusable AVPacket. Single-threaded; closing frees
 * every native object, and is safe to repeat.
 */
@SuppressWarnings("restricted") // sizing libav's own structs and packet buffers is what this class is for
public final class AvEncoder implements EncoderPicture, AutoCloseable {

    /** Receives each finished packet; the bytes are valid only during the call. */
    @FunctionalInterface
    public interface PacketSink {
        void accept(MemorySegment data, long pts, boolean keyframe);
    }

    private final Libav av;
    private final MemorySegment context;
    private final MemorySegment frame;
    private final PlaneTable planes;
    private final MemorySegment packet;
    private HwUpload hardware;
    private boolean closed;

    private AvEncoder(Libav av, MemorySegment context, MemorySegment frame, MemorySegment packet) {
        this.av = av;
        this.context = context;
        this.frame = frame.reinterpret(AvLayouts.FRAME_PTS + 8);
        this.planes = new PlaneTable(this.frame, AvLayouts.FRAME_DATA, AvLayouts.FRAME_LINESIZE);
        this.packet = packet.reinterpret(AvLayouts.PACKET_FLAGS + 4);
    }

    /**
     * Opens encoder {@code name} for {@code width}x{@code height} pictures in {@code pixelFormat}, with the codec
     * context and encoder-private options given (applied in order, before opening).
     */
    public static AvEncoder open(Libav av, String name, int width, int height, int pixelFormat,
                                 Map<String, String> options) throws AvException {
        return open(av, name, width, height, pixelFormat, options, null);
    }

    /**
     * As {@link #open(Libav, String, int, int, int, Map)} for a hardware encoder: pictures are filled in
     * {@code pixelFormat} in system memory as before and uploaded through {@code hardware}, which the encoder then
     * owns (and closes), also when opening fails.
     */
    public static AvEncoder open(Libav av, String name, int width, int height, int pixelFormat,
                                 Map<String, String> options, HwUpload hardware) throws AvException {
        try {
            return openEncoder(av, name, width, height, pixelFormat, options, hardware);
        } catch (AvException e) {
            if (hardware != null) {
                hardware.close();
            }
            throw e;
        }
    }

    private static AvEncoder openEncoder(Libav av, String name, int width, int height, int pixelFormat,
                                         Map<String, String> options, HwUpload hardware) throws AvException {
        Libav.CodecContext allocated = av.allocateContext(name, true);
        MemorySegment codec = allocated.codec();
        MemorySegment context = allocated.context();
        AvEncoder encoder = new AvEncoder(av, context, allocated.frame(), allocated.packet());
        try {
            encoder.set("video_size", width + "x" + height);
            encoder.set("pixel_format", String.valueOf(hardware == null ? pixelFormat : hardware.hardwareFormat()));
            if (hardware != null) {
                context.reinterpret(AvLayouts.CODEC_CONTEXT_HW_FRAMES_CTX + 8)
                        .set(ValueLayout.ADDRESS, AvLayouts.CODEC_CONTEXT_HW_FRAMES_CTX, hardware.framesReference());
                encoder.hardware = hardware;
            }
            for (Map.Entry<String, String> option : options.entrySet()) {
                encoder.set(option.getKey(), option.getValue());
            }
            av.check((int) av.open.invokeExact(context, codec, MemorySegment.NULL), "avcodec_open2 " + name);
            encoder.frame.set(ValueLayout.JAVA_INT, AvLayouts.FRAME_WIDTH, width);
            encoder.frame.set(ValueLayout.JAVA_INT, AvLayouts.FRAME_HEIGHT, height);
            encoder.frame.set(ValueLayout.JAVA_INT, AvLayouts.FRAME_FORMAT, pixelFormat);
            av.check((int) av.frameGetBuffer.invokeExact(encoder.frame, 0), "av_frame_get_buffer");
            return encoder;
        } catch (AvException e) {
            encoder.close();
            throw e;
        } catch (Throwable e) {
            encoder.close();
            throw new AvException("opening " + name + ": " + e);
        }
    }

    /** Sets a codec-context or encoder-private option by name; works on an open encoder for runtime options. */
    public void set(String option, String value) throws AvException {
        av.setOption(context, option, value);
    }

    /** The input frame's planes (valid until the next send). */
    @Override
    public PlaneTable planes() {
        return planes;
    }

    /** Copies the frame's buffers if the encoder still holds a reference to them, so they can be overwritten. */
    @Override
    public void makeWritable() throws AvException {
        try {
            av.check((int) av.frameMakeWritable.invokeExact(frame), "av_frame_make_writable");
        } catch (AvException e) {
            throw e;
        } catch (Throwable e) {
            throw new AvException("av_frame_make_writable: " + e);
        }
    }

    /** Sends the filled frame with presentation time {@code pts}; {@code keyframe} forces an IDR. */
    public void send(long pts, boolean keyframe) throws AvException {
        frame.set(ValueLayout.JAVA_LONG, AvLayouts.FRAME_PTS, pts);
        frame.set(ValueLayout.JAVA_INT, AvLayouts.FRAME_PICT_TYPE,
                keyframe ? AvLayouts.PICTURE_TYPE_I : AvLayouts.PICTURE_TYPE_NONE);
        MemorySegment input = frame;
        if (hardware != null) {
            input = hardware.upload(frame);
            input.set(ValueLayout.JAVA_LONG, AvLayouts.FRAME_PTS, pts);
            input.set(ValueLayout.JAVA_INT, AvLayouts.FRAME_PICT_TYPE,
                    keyframe ? AvLayouts.PICTURE_TYPE_I : AvLayouts.PICTURE_TYPE_NONE);
        }
        try {
            av.check((int) av.sendFrame.invokeExact(context, input), "avcodec_send_frame");
        } catch (AvException e) {
            throw e;
        } catch (Throwable e) {
            throw new AvException("avcodec_send_frame: " + e);
        } finally {
            if (hardware != null) {
                hardware.release();
            }
        }
    }

    /** Hands every packet the encoder has ready to {@code sink}. */
    public void drain(PacketSink sink) throws AvException {
        while (true) {
            int result;
            try {
                result = (int) av.receivePacket.invokeExact(context, packet);
            } catch (Throwable e) {
                throw new AvException("avcodec_receive_packet: " + e);
            }
            if (result == AvLayouts.ERROR_EAGAIN || result == AvLayouts.ERROR_EOF) {
                return;
            }
            av.check(result, "avcodec_receive_packet");
            try {
                MemorySegment data = packet.get(ValueLayout.ADDRESS, AvLayouts.PACKET_DATA)
                        .reinterpret(packet.get(ValueLayout.JAVA_INT, AvLayouts.PACKET_SIZE));
                sink.accept(data, packet.get(ValueLayout.JAVA_LONG, AvLayouts.PACKET_PTS),
                        (packet.get(ValueLayout.JAVA_INT, AvLayouts.PACKET_FLAGS) & AvLayouts.PACKET_FLAG_KEY) != 0);
            } finally {
                try {
                    av.packetUnref.invokeExact(packet);
                } catch (Throwable e) {
                    throw new AvException("av_packet_unref: " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            av.releaseContext(context, frame, packet);
        } finally {
            if (hardware != null) {
                hardware.close(); // after the context, which held its own reference to the surfaces
            }
        }
    }
}
