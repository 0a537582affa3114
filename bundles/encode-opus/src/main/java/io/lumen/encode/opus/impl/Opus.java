package io.lumen.encode.opus.impl;

import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The libopus multistream encoder calls, bound through FFM. Only functions and request numbers that have been part
 * of libopus's stable ABI since 1.0 are used, so no struct layout is pinned (the encoder state is opaque to us);
 * the version string is kept for the stats. Loaded once per bundle class loader; a machine without libopus gets a
 * reason instead of a crash. The library stays mapped while this object (and so its arena) is reachable: every
 * encoder keeps a reference to it.
 */
@SuppressWarnings("restricted") // sizing the C strings libopus returns
final class Opus {

    public static final String LIBRARY = "libopus.so.0";

    /** opus_defines.h: CELT only, the lowest delay; what every GameStream host uses. */
    public static final int APPLICATION_RESTRICTED_LOWDELAY = 2051;
    static final int OK = 0;
    static final int SET_BITRATE_REQUEST = 4002;
    static final int SET_VBR_REQUEST = 4006;
    static final int GET_VBR_REQUEST = 4007;
    static final int SET_INBAND_FEC_REQUEST = 4012;
    static final int GET_INBAND_FEC_REQUEST = 4013;

    private static final Opus SYSTEM = load(Arena.ofAuto(), LIBRARY);

    private final Arena arena;
    private final String unavailable;
    private final String version;
    final MethodHandle encoderCreate;
    final MethodHandle encode;
    final MethodHandle encoderCtlInt;
    final MethodHandle encoderCtlPointer;
    final MethodHandle encoderDestroy;
    private final MethodHandle strerror;

    private Opus(Arena arena, String unavailable, NativeLibrary library, String version) {
        this.arena = arena;
        this.unavailable = unavailable;
        this.version = version;
        boolean bound = unavailable == null;
        encoderCreate = bound ? library.downcall("opus_multistream_encoder_create", FunctionDescriptor.of(ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS)) : null;
        encode = bound ? library.downcall("opus_multistream_encode", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT)) : null;
        // opus_multistream_encoder_ctl(st, request, ...): the value after the request is a variadic argument, which
        // the x86-64 and AArch64 ABIs may pass differently from a fixed one, so the linker must be told where the
        // variadic part starts. One handle per argument type the requests use: opus_int32 (SET), opus_int32* (GET).
        encoderCtlInt = bound ? library.downcall("opus_multistream_encoder_ctl",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2)) : null;
        encoderCtlPointer = bound ? library.downcall("opus_multistream_encoder_ctl",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(2)) : null;
        encoderDestroy = bound ? library.downcall("opus_multistream_encoder_destroy",
                FunctionDescriptor.ofVoid(ADDRESS)) : null;
        strerror = bound ? library.downcall("opus_strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT)) : null;
    }

    /** This machine's libopus, or why it cannot serve. */
    static Opus system() {
        return SYSTEM;
    }

    /**
     * Loads libopus under {@code name} (tests pass a name that does not exist). Never throws for a missing or
     * incomplete library: {@link #unavailableReason()} says what is wrong.
     */
    static Opus load(Arena arena, String name) {
        NativeLibrary library = NativeLibrary.load(arena, name);
        if (!library.isAvailable()) {
            return new Opus(arena, library.unavailableReason().orElseThrow(), null, null);
        }
        for (String symbol : new String[] {"opus_get_version_string", "opus_multistream_encoder_create",
                "opus_multistream_encode", "opus_multistream_encoder_ctl", "opus_multistream_encoder_destroy",
                "opus_strerror"}) {
            if (!library.hasSymbol(symbol)) {
                return new Opus(arena, name + " has no " + symbol, null, null);
            }
        }
        try {
            MemorySegment text = (MemorySegment) library.downcall("opus_get_version_string",
                    FunctionDescriptor.of(ADDRESS)).invokeExact();
            String version = text.reinterpret(256).getString(0);
            return new Opus(arena, null, library, version.startsWith("libopus ") ? version.substring(8) : version);
        } catch (Throwable e) {
            return new Opus(arena, name + ": opus_get_version_string failed: " + e, null, null);
        }
    }

    public boolean isAvailable() {
        return unavailable == null;
    }

    /** "libopus.so.0 not found"; empty when the library loaded. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    /** "1.3.1" (libopus's version string without its name); empty when unavailable. */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** "invalid argument (-1)" for a libopus error code. */
    public String describe(int error) {
        try {
            MemorySegment text = (MemorySegment) strerror.invokeExact(error);
            return text.reinterpret(256).getString(0) + " (" + error + ")";
        } catch (Throwable e) {
            return "opus error " + error;
        }
    }

}
