package io.lumen.encode.libav.impl.ffm;

import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The parts of libavcodec, libavutil and libswscale the encoders (and lumen-client's {@link AvDecoder}) call, bound
 * through FFM against the versions of FFmpeg 5.1 (libavcodec 59, libavutil 57, libswscale 6) whose struct offsets
 * {@link AvLayouts} pins. Any other major version is refused with a reason rather than read with the wrong offsets.
 * Loaded once per bundle class loader; the libraries stay mapped while the bundle lives.
 */
public final class Libav {

    public static final int AVCODEC_MAJOR = 59;
    public static final int AVUTIL_MAJOR = 57;
    public static final int SWSCALE_MAJOR = 6;

    private static final Libav INSTANCE = load(Arena.ofAuto(), "libavcodec.so." + AVCODEC_MAJOR,
            "libavutil.so." + AVUTIL_MAJOR, "libswscale.so." + SWSCALE_MAJOR);

    final String unavailable;
    final MethodHandle findEncoderByName;
    final MethodHandle findDecoderByName;
    final MethodHandle sendPacket;
    final MethodHandle receiveFrame;
    final MethodHandle allocContext;
    final MethodHandle open;
    final MethodHandle freeContext;
    final MethodHandle sendFrame;
    final MethodHandle receivePacket;
    final MethodHandle packetAlloc;
    final MethodHandle packetFree;
    final MethodHandle packetUnref;
    final MethodHandle frameAlloc;
    final MethodHandle frameFree;
    final MethodHandle frameGetBuffer;
    final MethodHandle frameMakeWritable;
    final MethodHandle optSet;
    final MethodHandle strerror;
    final MethodHandle hwdeviceCreate;
    final MethodHandle hwframeCtxAlloc;
    final MethodHandle hwframeCtxInit;
    final MethodHandle hwframeGetBuffer;
    final MethodHandle hwframeTransferData;
    final MethodHandle bufferRef;
    final MethodHandle bufferUnref;
    final MethodHandle frameUnref;

    private Libav(String unavailable, NativeLibrary codec, NativeLibrary util, NativeLibrary scale) {
        this.unavailable = unavailable;
        boolean bound = unavailable == null;
        findEncoderByName = bound ? codec.downcall("avcodec_find_encoder_by_name", FunctionDescriptor.of(ADDRESS, ADDRESS)) : null;
        findDecoderByName = bound ? codec.downcall("avcodec_find_decoder_by_name", FunctionDescriptor.of(ADDRESS, ADDRESS)) : null;
        sendPacket = bound ? codec.downcall("avcodec_send_packet", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)) : null;
        receiveFrame = bound ? codec.downcall("avcodec_receive_frame", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)) : null;
        allocContext = bound ? codec.downcall("avcodec_alloc_context3", FunctionDescriptor.of(ADDRESS, ADDRESS)) : null;
        open = bound ? codec.downcall("avcodec_open2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS)) : null;
        freeContext = bound ? codec.downcall("avcodec_free_context", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        sendFrame = bound ? codec.downcall("avcodec_send_frame", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)) : null;
        receivePacket = bound ? codec.downcall("avcodec_receive_packet", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)) : null;
        packetAlloc = bound ? codec.downcall("av_packet_alloc", FunctionDescriptor.of(ADDRESS)) : null;
        packetFree = bound ? codec.downcall("av_packet_free", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        packetUnref = bound ? codec.downcall("av_packet_unref", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        frameAlloc = bound ? util.downcall("av_frame_alloc", FunctionDescriptor.of(ADDRESS)) : null;
        frameFree = bound ? util.downcall("av_frame_free", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        frameGetBuffer = bound ? util.downcall("av_frame_get_buffer", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)) : null;
        frameMakeWritable = bound ? util.downcall("av_frame_make_writable", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        optSet = bound ? util.downcall("av_opt_set", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT)) : null;
        strerror = bound ? util.downcall("av_strerror", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG)) : null;
        hwdeviceCreate = bound ? util.downcall("av_hwdevice_ctx_create", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)) : null;
        hwframeCtxAlloc = bound ? util.downcall("av_hwframe_ctx_alloc", FunctionDescriptor.of(ADDRESS, ADDRESS)) : null;
        hwframeCtxInit = bound ? util.downcall("av_hwframe_ctx_init", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        hwframeGetBuffer = bound ? util.downcall("av_hwframe_get_buffer", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                ADDRESS, JAVA_INT)) : null;
        hwframeTransferData = bound ? util.downcall("av_hwframe_transfer_data", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT)) : null;
        bufferRef = bound ? util.downcall("av_buffer_ref", FunctionDescriptor.of(ADDRESS, ADDRESS)) : null;
        bufferUnref = bound ? util.downcall("av_buffer_unref", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        frameUnref = bound ? util.downcall("av_frame_unref", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        if (bound) {
            quietLogging(util);
        }
    }

    /** The libraries of this machine, or why they cannot serve. */
    public static Libav system() {
        return INSTANCE;
    }

    /**
     * Loads the given library names (tests pass names that do not exist, or a different version). Never throws
     * for a missing or unsupported library: {@link #unavailableReason()} says what is wrong.
     */
    public static Libav load(Arena arena, String codecName, String utilName, String scaleName) {
        return load(arena, codecName, utilName, scaleName, AVCODEC_MAJOR);
    }

    /** As {@link #load(Arena, String, String, String)}, expecting libavcodec {@code codecMajor} (tests). */
    static Libav load(Arena arena, String codecName, String utilName, String scaleName, int codecMajor) {
        NativeLibrary codec = NativeLibrary.load(arena, codecName);
        NativeLibrary util = NativeLibrary.load(arena, utilName);
        NativeLibrary scale = NativeLibrary.load(arena, scaleName);
        for (NativeLibrary library : new NativeLibrary[] {codec, util, scale}) {
            if (!library.isAvailable()) {
                return new Libav(library.unavailableReason().orElseThrow(), null, null, null);
            }
        }
        Optional<String> wrongVersion = checkMajor(codec, "avcodec_version", "libavcodec", codecMajor)
                .or(() -> checkMajor(util, "avutil_version", "libavutil", AVUTIL_MAJOR))
                .or(() -> checkMajor(scale, "swscale_version", "libswscale", SWSCALE_MAJOR));
        return new Libav(wrongVersion.orElse(null), codec, util, scale);
    }

    private static Optional<String> checkMajor(NativeLibrary library, String function, String name, int expected) {
        try {
            int version = (int) library.downcall(function, FunctionDescriptor.of(JAVA_INT)).invokeExact();
            int major = version >>> 16;
            return major == expected ? Optional.empty()
                    : Optional.of("unsupported " + name + " " + major + " (lumen's layouts are checked against "
                    + expected + ")");
        } catch (Throwable e) {
            return Optional.of(name + ": " + function + " failed: " + e);
        }
    }

    /** libav prints encoder banners to stderr; only its errors are worth the host's console. */
    private static void quietLogging(NativeLibrary util) {
        try {
            util.downcall("av_log_set_level", FunctionDescriptor.ofVoid(JAVA_INT)).invokeExact(AvLayouts.AV_LOG_ERROR);
        } catch (Throwable ignored) {
            // banners are noise, not harm
        }
    }

    public boolean isAvailable() {
        return unavailable == null;
    }

    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    /** Whether this libavcodec has the encoder called {@code name} (e.g. "libx264"). */
    public boolean hasEncoder(String name) {
        if (!isAvailable()) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment codec = (MemorySegment) findEncoderByName.invokeExact(arena.allocateFrom(name));
            return !codec.equals(MemorySegment.NULL);
        } catch (Throwable e) {
            return false;
        }
    }

    /** Calls a no-argument allocator (av_frame_alloc, av_packet_alloc); a NULL result is an {@link AvException}. */
    MemorySegment allocate(MethodHandle allocator, String what) throws AvException {
        try {
            MemorySegment allocated = (MemorySegment) allocator.invokeExact();
            if (allocated.equals(MemorySegment.NULL)) {
                throw new AvException(what + " returned nothing");
            }
            return allocated;
        } catch (AvException e) {
            throw e;
        } catch (Throwable e) {
            throw new AvException(what + ": " + e);
        }
    }

    /** Sets a codec-context or codec-private option of {@code context} by name (av_opt_set). */
    void setOption(MemorySegment context, String option, String value) throws AvException {
        try (Arena call = Arena.ofConfined()) {
            check((int) optSet.invokeExact(context, call.allocateFrom(option), call.allocateFrom(value),
                    AvLayouts.AV_OPT_SEARCH_CHILDREN), "option " + option + "=" + value);
        } catch (AvException e) {
            throw e;
        } catch (Throwable e) {
            throw new AvException("av_opt_set " + option + ": " + e);
        }
    }

    /** avcodec_free_context on {@code context}, an encoder's or a decoder's. */
    /** A codec found by name, a context allocated for it and a frame and packet to work with, the caller's. */
    record CodecContext(MemorySegment codec, MemorySegment context, MemorySegment frame, MemorySegment packet) {
    }

    /** Finds encoder or decoder {@code name} and allocates its context, a frame and a packet. */
    CodecContext allocateContext(String name, boolean encoder) throws AvException {
        if (!isAvailable()) {
            throw new AvException("libav is unavailable: " + unavailable);
        }
        String kind = encoder ? "encoder" : "decoder";
        MemorySegment codec;
        MemorySegment context;
        try (Arena call = Arena.ofConfined()) {
            MethodHandle find = encoder ? findEncoderByName : findDecoderByName;
            codec = (MemorySegment) find.invokeExact(call.allocateFrom(name));
            if (codec.equals(MemorySegment.NULL)) {
                throw new AvException("this libavcodec has no " + kind + " " + name);
            }
            context = (MemorySegment) allocContext.invokeExact(codec);
        } catch (AvException e) {
            throw e;
        } catch (Throwable e) {
            throw new AvException("avcodec_alloc_context3: " + e);
        }
        if (context.equals(MemorySegment.NULL)) {
            throw new AvException("avcodec_alloc_context3 returned nothing");
        }
        try {
            return new CodecContext(codec, context, allocate(frameAlloc, "av_frame_alloc"),
                    allocate(packetAlloc, "av_packet_alloc"));
        } catch (AvException e) {
            releaseContext(context);
            throw e;
        }
    }

    /**
     * Frees what {@link #allocateContext} gave an encoder or decoder: its packet and frame, then its context, which is
     * freed also when freeing the others fails.
     */
    void releaseContext(MemorySegment context, MemorySegment frame, MemorySegment packet) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment slot = call.allocate(ADDRESS);
            slot.set(ADDRESS, 0, packet);
            packetFree.invokeExact(slot);
            slot.set(ADDRESS, 0, frame);
            frameFree.invokeExact(slot);
        } catch (Throwable e) {
            throw new IllegalStateException("freeing libav frame/packet: " + e, e);
        } finally {
            releaseContext(context);
        }
    }

    void releaseContext(MemorySegment context) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment slot = call.allocate(ADDRESS);
            slot.set(ADDRESS, 0, context);
            freeContext.invokeExact(slot);
        } catch (Throwable e) {
            throw new IllegalStateException("avcodec_free_context: " + e, e);
        }
    }

    /** Throws for a negative libav result, naming the call and libav's description of the error. */
    void check(int result, String what) throws AvException {
        if (result < 0) {
            throw new AvException(what + " failed: " + describe(result));
        }
    }

    /** "Invalid argument (-22)" for a libav error code. */
    public String describe(int error) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(256);
            int ignored = (int) strerror.invokeExact(error, text, 256L);
            return text.getString(0) + " (" + error + ")";
        } catch (Throwable e) {
            return "libav error " + error;
        }
    }
}
