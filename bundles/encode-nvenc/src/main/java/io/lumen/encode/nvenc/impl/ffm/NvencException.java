package io.lumen.encode.nvenc.impl.ffm;

/** A failed NVENC or CUDA call, with the call's name and the status the driver gave. */
public final class NvencException extends Exception {

    public NvencException(String message) {
        super(message);
    }
}
