package io.lumen.encode.x264.impl.ffm;

import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The calls of libx264 build 164 lumen makes, or why they cannot be made: the library absent, or another build
 * (whose encoder-open symbol carries another number, and whose structs this binding was not checked against).
 */
public final class X264Library {

    public static final String SONAME = "libx264.so." + X264Layouts.BUILD;

    private static final X264Library INSTANCE = load(Arena.ofAuto(), SONAME);

    private final String unavailable;
    final MethodHandle paramDefaultPreset;
    final MethodHandle paramParse;
    final MethodHandle paramApplyProfile;
    final MethodHandle paramToString;
    final MethodHandle paramCleanup;
    final MethodHandle free;
    final MethodHandle encoderOpen;
    final MethodHandle encoderEncode;
    final MethodHandle encoderClose;
    final MethodHandle encoderParameters;
    final MethodHandle encoderReconfig;
    final MethodHandle encoderDelayedFrames;
    final MethodHandle encoderIntraRefresh;
    final MethodHandle encoderInvalidateReference;
    final MethodHandle pictureInit;
    final MethodHandle pictureAlloc;
    final MethodHandle pictureClean;

    private X264Library(String unavailable, NativeLibrary x264) {
        this.unavailable = unavailable;
        boolean bound = unavailable == null;
        paramDefaultPreset = bound ? x264.downcall("x264_param_default_preset", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS)) : null;
        paramParse = bound ? x264.downcall("x264_param_parse", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS)) : null;
        paramApplyProfile = bound ? x264.downcall("x264_param_apply_profile", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)) : null;
        paramToString = bound ? x264.downcall("x264_param2string", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT)) : null;
        paramCleanup = bound ? x264.downcall("x264_param_cleanup", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        free = bound ? x264.downcall("x264_free", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        encoderOpen = bound ? x264.downcall(X264Layouts.OPEN_SYMBOL, FunctionDescriptor.of(ADDRESS, ADDRESS)) : null;
        encoderEncode = bound ? x264.downcall("x264_encoder_encode", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS)) : null;
        encoderClose = bound ? x264.downcall("x264_encoder_close", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        encoderParameters = bound ? x264.downcall("x264_encoder_parameters", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS)) : null;
        encoderReconfig = bound ? x264.downcall("x264_encoder_reconfig", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)) : null;
        encoderDelayedFrames = bound ? x264.downcall("x264_encoder_delayed_frames", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        encoderIntraRefresh = bound ? x264.downcall("x264_encoder_intra_refresh", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        encoderInvalidateReference = bound ? x264.downcall("x264_encoder_invalidate_reference", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG)) : null;
        pictureInit = bound ? x264.downcall("x264_picture_init", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        pictureAlloc = bound ? x264.downcall("x264_picture_alloc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT)) : null;
        pictureClean = bound ? x264.downcall("x264_picture_clean", FunctionDescriptor.ofVoid(ADDRESS)) : null;
    }

    /** This machine's libx264, or why it cannot serve. */
    public static X264Library system() {
        return INSTANCE;
    }

    /** Loads library {@code name} (tests pass one that does not exist); never throws for a missing one. */
    public static X264Library load(Arena arena, String name) {
        NativeLibrary x264 = NativeLibrary.load(arena, name);
        if (!x264.isAvailable()) {
            return new X264Library(x264.unavailableReason().orElseThrow(), null);
        }
        if (!x264.hasSymbol(X264Layouts.OPEN_SYMBOL)) {
            return new X264Library(name + " is not x264 build " + X264Layouts.BUILD + " (no "
                    + X264Layouts.OPEN_SYMBOL + "; lumen's layouts are checked against that build)", null);
        }
        for (String needed : new String[] {"x264_encoder_intra_refresh", "x264_encoder_invalidate_reference",
                "x264_param_cleanup"}) {
            if (!x264.hasSymbol(needed)) {
                return new X264Library(name + " has no " + needed, null);
            }
        }
        return new X264Library(null, x264);
    }

    public boolean isAvailable() {
        return unavailable == null;
    }

    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }
}
