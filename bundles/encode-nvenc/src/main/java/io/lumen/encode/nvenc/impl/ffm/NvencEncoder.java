package io.lumen.encode.nvenc.impl.ffm;

import io.lumen.api.media.Frame;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static io.lumen.encode.nvenc.impl.ffm.NvencLayouts.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * One NVENC encode session on its own CUDA context, fed from system memory: one input and one bitstream buffer,
 * because a synchronous low-latency encoder without B-frames has exactly one picture in flight. Every struct lives
 * in the session's arena; {@link #close()} frees the buffers, the encoder and the context in that order, and the
 * arena last.
 *
 * <p>Zero-copy input (not built yet): a PipeWire dmabuf would be imported into CUDA (cuImportExternalMemory, then a
 * device pointer), registered once per buffer with nvEncRegisterResource (slot {@link NvencFunctions#SLOT_REGISTER_RESOURCE},
 * resource type CUDADEVICEPTR) and mapped per frame with nvEncMapInputResource; the mapped pointer then takes the
 * place of {@link #input} in {@link #encode}. The lock/copy/unlock path stays for MemPtr/MemFd buffers.
 */
public final class NvencEncoder implements AutoCloseable {

    /** What the encoder hands back: the Annex-B bytes, valid only during the call, and whether they are an IDR. */
    public interface Output {
        void accept(MemorySegment data, boolean idr);
    }

    private final NvencFunctions nv;
    private final Cuda cuda;
    private final Arena arena;
    private final MemorySegment context;
    private final MemorySegment encoder;
    private final int width;
    private final int height;
    private final int fps;
    private final int bufferFormat;
    private final boolean tenBit;
    private boolean hevc;
    private MemorySegment config;
    private MemorySegment init;
    private MemorySegment input;
    private MemorySegment bitstream;
    private boolean closed;

    private NvencEncoder(NvencDriver driver, Arena arena, MemorySegment context, MemorySegment encoder, int width,
                         int height, int fps, int bufferFormat, boolean tenBit) {
        this.nv = driver.functions();
        this.cuda = driver.cuda();
        this.arena = arena;
        this.context = context;
        this.encoder = encoder;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.bufferFormat = bufferFormat;
        this.tenBit = tenBit;
    }

    /** The codecs the GPU really encodes: a throwaway session asked for its encode GUIDs. */
    public static List<NvencGuid> supportedCodecs(NvencDriver driver) throws NvencException {
        try (NvencEncoder session = openSession(driver, 0, 0, 0, 0, false)) {
            return session.encodeGuids();
        }
    }

    /** Opens and initializes an encoder for {@code settings} at {@code width}x{@code height}. */
    public static NvencEncoder open(NvencDriver driver, LowLatencyConfig.Settings settings, int width, int height,
                                    int bufferFormat) throws NvencException {
        NvencEncoder session = openSession(driver, width, height, settings.fps(), bufferFormat, settings.tenBit());
        try {
            session.initialize(settings);
            return session;
        } catch (NvencException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static NvencEncoder openSession(NvencDriver driver, int width, int height, int fps, int bufferFormat,
                                            boolean tenBit) throws NvencException {
        if (!driver.isAvailable()) {
            throw new NvencException(driver.unavailableReason().orElseThrow());
        }
        MemorySegment context = driver.cuda().createContext(0);
        Arena arena = Arena.ofShared();
        try {
            MemorySegment params = arena.allocate(OPEN_SESSION_SIZE, 8);
            params.set(JAVA_INT, 0, NvencVersion.OPEN_ENCODE_SESSION_EX_PARAMS);
            params.set(JAVA_INT, OPEN_SESSION_DEVICE_TYPE, NvencConstants.DEVICE_TYPE_CUDA);
            params.set(ADDRESS, OPEN_SESSION_DEVICE, context);
            params.set(JAVA_INT, OPEN_SESSION_API_VERSION, NvencVersion.API);
            MemorySegment handle = arena.allocate(ADDRESS);
            int status = (int) driver.functions().openEncodeSessionEx.invokeExact(params, handle);
            if (status != NvencConstants.STATUS_SUCCESS) {
                throw new NvencException("nvEncOpenEncodeSessionEx failed: " + NvencStatus.describe(status));
            }
            return new NvencEncoder(driver, arena, context, handle.get(ADDRESS, 0), width, height, fps, bufferFormat,
                    tenBit);
        } catch (Throwable t) {
            arena.close();
            driver.cuda().destroy(context);
            throw t instanceof NvencException e ? e : new NvencException("nvEncOpenEncodeSessionEx failed: " + t);
        }
    }

    private List<NvencGuid> encodeGuids() throws NvencException {
        MemorySegment count = arena.allocate(JAVA_INT);
        check("nvEncGetEncodeGUIDCount", call(() -> (int) nv.getEncodeGuidCount.invokeExact(encoder, count)));
        int n = count.get(JAVA_INT, 0);
        List<NvencGuid> found = new ArrayList<>();
        if (n == 0) {
            return found;
        }
        MemorySegment guids = arena.allocate((long) GUID_SIZE * n, 4);
        MemorySegment written = arena.allocate(JAVA_INT);
        check("nvEncGetEncodeGUIDs", call(() -> (int) nv.getEncodeGuids.invokeExact(encoder, guids, n, written)));
        for (int i = 0; i < written.get(JAVA_INT, 0); i++) {
            for (NvencGuid codec : List.of(NvencGuid.CODEC_H264, NvencGuid.CODEC_HEVC)) {
                if (codec.matches(guids, (long) GUID_SIZE * i)) {
                    found.add(codec);
                }
            }
        }
        return found;
    }

    private void initialize(LowLatencyConfig.Settings settings) throws NvencException {
        hevc = settings.hevc();
        NvencGuid codec = hevc ? NvencGuid.CODEC_HEVC : NvencGuid.CODEC_H264;
        MemorySegment preset = arena.allocate(PRESET_CONFIG_SIZE, 8);
        preset.set(JAVA_INT, 0, NvencVersion.PRESET_CONFIG);
        preset.set(JAVA_INT, PRESET_CONFIG_CONFIG, NvencVersion.CONFIG);
        MemorySegment codecGuid = codec.allocate(arena);
        MemorySegment presetGuid = NvencGuid.PRESET_P1.allocate(arena);
        check("nvEncGetEncodePresetConfigEx", call(() -> (int) nv.getEncodePresetConfigEx.invokeExact(encoder,
                codecGuid, presetGuid, NvencConstants.TUNING_ULTRA_LOW_LATENCY, preset)));
        config = arena.allocate(CONFIG_SIZE, 8);
        MemorySegment.copy(preset, PRESET_CONFIG_CONFIG, config, 0, CONFIG_SIZE);
        LowLatencyConfig.apply(config, settings);
        init = arena.allocate(INIT_SIZE, 8);
        LowLatencyConfig.initialize(init, codec, width, height, fps, config);
        check("nvEncInitializeEncoder", call(() -> (int) nv.initializeEncoder.invokeExact(encoder, init)));

        MemorySegment createInput = arena.allocate(CREATE_INPUT_SIZE, 8);
        createInput.set(JAVA_INT, 0, NvencVersion.CREATE_INPUT_BUFFER);
        createInput.set(JAVA_INT, CREATE_INPUT_WIDTH, width);
        createInput.set(JAVA_INT, CREATE_INPUT_HEIGHT, height);
        createInput.set(JAVA_INT, CREATE_INPUT_FORMAT, bufferFormat);
        check("nvEncCreateInputBuffer", call(() -> (int) nv.createInputBuffer.invokeExact(encoder, createInput)));
        input = createInput.get(ADDRESS, CREATE_INPUT_BUFFER);

        MemorySegment createBitstream = arena.allocate(CREATE_BITSTREAM_SIZE, 8);
        createBitstream.set(JAVA_INT, 0, NvencVersion.CREATE_BITSTREAM_BUFFER);
        check("nvEncCreateBitstreamBuffer", call(() -> (int) nv.createBitstreamBuffer.invokeExact(encoder, createBitstream)));
        bitstream = createBitstream.get(ADDRESS, CREATE_BITSTREAM_BUFFER);
    }

    /** Copies {@code frame} in, encodes it as {@code picture} asks and hands the unit on. */
    public void encode(Frame frame, PictureParams.Picture picture, Output output) throws NvencException {
        if (closed) {
            throw new IllegalStateException("NVENC encoder used after close");
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment lock = call.allocate(LOCK_INPUT_SIZE, 8);
            lock.set(JAVA_INT, 0, NvencVersion.LOCK_INPUT_BUFFER);
            lock.set(ADDRESS, LOCK_INPUT_BUFFER, input);
            check("nvEncLockInputBuffer", call(() -> (int) nv.lockInputBuffer.invokeExact(encoder, lock)));
            int pitch = lock.get(JAVA_INT, LOCK_INPUT_PITCH);
            long planeRows = frame.format() == io.lumen.api.media.PixelFormat.NV12 ? height + (height + 1) / 2 : height;
            MemorySegment target = lock.get(ADDRESS, LOCK_INPUT_DATA).reinterpret((long) pitch * planeRows);
            try {
                InputCopy.copy(frame, target, pitch, tenBit);
            } finally {
                check("nvEncUnlockInputBuffer", call(() -> (int) nv.unlockInputBuffer.invokeExact(encoder, input)));
            }

            MemorySegment pic = call.allocate(PIC_SIZE, 8);
            PictureParams.fill(pic, picture, hevc, width, height, pitch, bufferFormat, input, bitstream);
            int status = call(() -> (int) nv.encodePicture.invokeExact(encoder, pic));
            if (status == NvencConstants.STATUS_NEED_MORE_INPUT) {
                return; // cannot happen without B-frames or lookahead; the caller counts frames without output
            }
            check("nvEncEncodePicture", status);

            MemorySegment out = call.allocate(LOCK_BITSTREAM_SIZE, 8);
            out.set(JAVA_INT, 0, NvencVersion.LOCK_BITSTREAM);
            out.set(ADDRESS, LOCK_BITSTREAM_OUTPUT, bitstream);
            check("nvEncLockBitstream", call(() -> (int) nv.lockBitstream.invokeExact(encoder, out)));
            try {
                long bytes = Integer.toUnsignedLong(out.get(JAVA_INT, LOCK_BITSTREAM_BYTES));
                MemorySegment data = out.get(ADDRESS, LOCK_BITSTREAM_DATA).reinterpret(bytes);
                output.accept(data, out.get(JAVA_INT, LOCK_BITSTREAM_PICTURE_TYPE) == NvencConstants.PIC_TYPE_IDR);
            } finally {
                check("nvEncUnlockBitstream", call(() -> (int) nv.unlockBitstream.invokeExact(encoder, bitstream)));
            }
        }
    }

    /**
     * Marks the picture encoded with {@code timestamp} (and every picture predicted from it) unusable as a
     * reference: the next picture predicts from older ones, or is coded intra when none is left.
     */
    public void invalidate(long timestamp) throws NvencException {
        if (closed) {
            throw new IllegalStateException("NVENC encoder used after close");
        }
        check("nvEncInvalidateRefFrames", call(() -> (int) nv.invalidateRefFrames.invokeExact(encoder, timestamp)));
    }

    /** A new CBR target without reopening: the kept config is rewritten and handed to nvEncReconfigureEncoder. */
    public void reconfigureBitrate(int kbps) throws NvencException {
        LowLatencyConfig.rate(config, kbps, fps);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment params = call.allocate(RECONFIGURE_SIZE, 8);
            params.set(JAVA_INT, 0, NvencVersion.RECONFIGURE_PARAMS);
            MemorySegment.copy(init, 0, params, RECONFIGURE_INIT, INIT_SIZE);
            check("nvEncReconfigureEncoder", call(() -> (int) nv.reconfigureEncoder.invokeExact(encoder, params)));
        }
    }

    /** Buffers, then the encoder, then the CUDA context, then the struct memory; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (input != null) {
                int ignored = call(() -> (int) nv.destroyInputBuffer.invokeExact(encoder, input));
            }
            if (bitstream != null) {
                int ignored = call(() -> (int) nv.destroyBitstreamBuffer.invokeExact(encoder, bitstream));
            }
            int ignored = call(() -> (int) nv.destroyEncoder.invokeExact(encoder));
        } catch (NvencException e) {
            System.getLogger("lumen.encode.nvenc").log(System.Logger.Level.WARNING, "NVENC teardown: " + e.getMessage());
        } finally {
            cuda.destroy(context);
            arena.close();
        }
    }

    private void check(String what, int status) throws NvencException {
        if (status != NvencConstants.STATUS_SUCCESS) {
            throw new NvencException(what + " failed: " + NvencStatus.describe(status) + lastError());
        }
    }

    /** The driver's own words for the last failure, when it has some. */
    private String lastError() {
        try {
            MemorySegment text = (MemorySegment) nv.getLastErrorString.invokeExact(encoder);
            if (text.equals(MemorySegment.NULL)) {
                return "";
            }
            String message = text.reinterpret(4096).getString(0);
            return message.isBlank() ? "" : " (" + message + ")";
        } catch (Throwable t) {
            return "";
        }
    }

    @FunctionalInterface
    private interface NativeCall {
        int run() throws Throwable;
    }

    private static int call(NativeCall call) throws NvencException {
        try {
            return call.run();
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new NvencException("NVENC call failed: " + t);
        }
    }
}
