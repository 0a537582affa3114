package io.lumen.encoding;

import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The three calls of libswscale 6 (FFmpeg 5.1) a {@link Scaler} makes, or why they cannot be made. Each bundle that
 * embeds this library loads its own, once per class loader; the dynamic linker maps the library only once.
 */
public final class Swscale {

    public static final int MAJOR = 6;

    private static final Swscale INSTANCE = load(Arena.ofAuto(), "libswscale.so." + MAJOR);

    private final String unavailable;
    final MethodHandle getContext;
    final MethodHandle scale;
    final MethodHandle freeContext;

    private Swscale(String unavailable, NativeLibrary library) {
        this.unavailable = unavailable;
        boolean bound = unavailable == null;
        getContext = bound ? library.downcall("sws_getContext", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS)) : null;
        scale = bound ? library.downcall("sws_scale", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS,
                JAVA_INT, JAVA_INT, ADDRESS, ADDRESS)) : null;
        freeContext = bound ? library.downcall("sws_freeContext", FunctionDescriptor.ofVoid(ADDRESS)) : null;
    }

    /** This machine's libswscale, or why it cannot serve. */
    public static Swscale system() {
        return INSTANCE;
    }

    /** Loads library {@code name} (tests pass one that does not exist); never throws for a missing one. */
    public static Swscale load(Arena arena, String name) {
        NativeLibrary library = NativeLibrary.load(arena, name);
        if (!library.isAvailable()) {
            return new Swscale(library.unavailableReason().orElseThrow(), null);
        }
        try {
            int major = (int) library.downcall("swscale_version", FunctionDescriptor.of(JAVA_INT)).invokeExact() >>> 16;
            return major == MAJOR ? new Swscale(null, library) : new Swscale("unsupported libswscale " + major
                    + " (lumen's pixel format numbers are checked against " + MAJOR + ")", null);
        } catch (Throwable e) {
            return new Swscale("libswscale: swscale_version failed: " + e, null);
        }
    }

    public boolean isAvailable() {
        return unavailable == null;
    }

    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }
}
