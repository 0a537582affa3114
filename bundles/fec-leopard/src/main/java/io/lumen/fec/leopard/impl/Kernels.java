package io.lumen.fec.leopard.impl;

import io.lumen.fec.leopard.impl.gf16.Gf16Kernel;
import io.lumen.fec.leopard.impl.gf16.ScalarGf16Kernel;
import io.lumen.fec.leopard.impl.gf16.VectorGf16Kernel;
import io.lumen.fec.leopard.impl.gf8.Gf8Kernel;
import io.lumen.fec.leopard.impl.gf8.ScalarGf8Kernel;
import io.lumen.fec.leopard.impl.gf8.VectorGf8Kernel;

/**
 * Picks the vector kernels when the JVM has the Vector API module ({@code --add-modules jdk.incubator.vector})
 * and the scalar ones otherwise; {@code -Dlumen.fec.kernel=scalar} forces the scalar path. Both give the
 * same bytes. The vector classes are only touched after the check, so nothing links against a missing module.
 */
public final class Kernels {

    public static final String FORCE_PROPERTY = "lumen.fec.kernel";

    private Kernels() {
    }

    /** Null when the vector kernels can be used, else why not. */
    public static String vectorUnavailableReason() {
        if ("scalar".equalsIgnoreCase(System.getProperty(FORCE_PROPERTY, ""))) {
            return "-D" + FORCE_PROPERTY + "=scalar";
        }
        try {
            Class.forName("jdk.incubator.vector.ByteVector", false, Kernels.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return "no jdk.incubator.vector module (start the JVM with --add-modules jdk.incubator.vector)";
        }
    }

    public static Gf8Kernel gf8() {
        return vectorUnavailableReason() == null ? VectorGf8Kernel.INSTANCE : ScalarGf8Kernel.INSTANCE;
    }

    public static Gf16Kernel gf16() {
        return vectorUnavailableReason() == null ? VectorGf16Kernel.INSTANCE : ScalarGf16Kernel.INSTANCE;
    }
}
