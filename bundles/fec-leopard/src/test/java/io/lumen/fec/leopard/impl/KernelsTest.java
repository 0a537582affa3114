package io.lumen.fec.leopard.impl;

import io.lumen.fec.leopard.impl.gf16.ScalarGf16Kernel;
import io.lumen.fec.leopard.impl.gf16.VectorGf16Kernel;
import io.lumen.fec.leopard.impl.gf8.ScalarGf8Kernel;
import io.lumen.fec.leopard.impl.gf8.VectorGf8Kernel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel choice: vector where the JVM has the module (the test JVM does), scalar when forced. */
class KernelsTest {

    @Test
    void vectorKernelsWhenTheModuleIsThere() {
        assertNull(Kernels.vectorUnavailableReason(), "the test JVM runs with --add-modules jdk.incubator.vector");
        assertSame(VectorGf8Kernel.INSTANCE, Kernels.gf8());
        assertSame(VectorGf16Kernel.INSTANCE, Kernels.gf16());
    }

    @Test
    void scalarKernelsWhenForced() {
        System.setProperty(Kernels.FORCE_PROPERTY, "scalar");
        try {
            assertTrue(Kernels.vectorUnavailableReason().contains("lumen.fec.kernel=scalar"));
            assertSame(ScalarGf8Kernel.INSTANCE, Kernels.gf8());
            assertSame(ScalarGf16Kernel.INSTANCE, Kernels.gf16());
            assertTrue(new Leopard16Service().toString().contains("scalar"));
        } finally {
            System.clearProperty(Kernels.FORCE_PROPERTY);
        }
    }
}
