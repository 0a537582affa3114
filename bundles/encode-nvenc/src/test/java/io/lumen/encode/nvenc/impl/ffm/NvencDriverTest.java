package io.lumen.encode.nvenc.impl.ffm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each step of loading the driver that can fail says why, and nothing escapes. Library names that do not exist stand
 * in for a machine without the driver; libc stands in for a library that loads but is no NVIDIA library.
 * What could not run here: a real driver's version answer, cuInit on a GPU, NvEncodeAPICreateInstance.
 */
class NvencDriverTest {

    @Test
    void withoutLibnvidiaEncodeNothingElseIsLookedUp() {
        NvencDriver driver = NvencDriver.load(Arena.ofAuto(), "libnvidia-encode.so.999", "libcuda.so.999");
        assertFalse(driver.isAvailable());
        assertEquals("no NVIDIA driver (libnvidia-encode.so.999 not found)", driver.unavailableReason().orElseThrow());
    }

    @Test
    void withoutLibcudaTheReasonNamesIt() {
        NvencDriver driver = NvencDriver.load(Arena.ofAuto(), "libc.so.6", "libcuda.so.999");
        assertEquals("no NVIDIA driver (libcuda.so.999 not found)", driver.unavailableReason().orElseThrow());
    }

    @Test
    void aLibraryWithoutTheEntryPointIsNotMistakenForTheDriver() {
        NvencDriver driver = NvencDriver.load(Arena.ofAuto(), "libc.so.6", "libc.so.6");
        assertEquals("not an NVIDIA driver library: libc.so.6 has no symbol NvEncodeAPIGetMaxSupportedVersion"
                + " (another version of the library?)", driver.unavailableReason().orElseThrow());
    }

    @Test
    void anOpenedEncoderIsRefusedWithTheSameReason() {
        NvencDriver driver = NvencDriver.load(Arena.ofAuto(), "libnvidia-encode.so.999", "libcuda.so.999");
        NvencException refused = assertThrows(NvencException.class, () -> NvencEncoder.open(driver,
                new LowLatencyConfig.Settings(false, false, 10_000, 60, 1), 1280, 720,
                NvencConstants.BUFFER_FORMAT_ARGB));
        assertEquals("no NVIDIA driver (libnvidia-encode.so.999 not found)", refused.getMessage());
    }

    @Test
    void aDriverOlderThan11Point1IsTooOld() {
        assertTrue(NvencVersion.tooOld((11 << 4) | 1).isEmpty());
        assertTrue(NvencVersion.tooOld((12 << 4) | 0).isEmpty());
        assertTrue(NvencVersion.tooOld((11 << 4) | 2).isEmpty());
        assertEquals("NVIDIA driver too old: it offers NVENC API 11.0, lumen needs 11.1 (update the driver)",
                NvencVersion.tooOld(11 << 4).orElseThrow());
        assertEquals("NVIDIA driver too old: it offers NVENC API 10.0, lumen needs 11.1 (update the driver)",
                NvencVersion.tooOld(10 << 4).orElseThrow());
    }

    @Test
    void aFailedCuInitWithoutAGpuReadsNoCudaDevice() {
        assertEquals("no CUDA device", Cuda.initFailure(100));
        assertEquals("cuInit failed (CUresult 999)", Cuda.initFailure(999));
    }
}
