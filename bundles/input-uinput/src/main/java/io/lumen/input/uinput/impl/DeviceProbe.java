package io.lumen.input.uinput.impl;

import io.lumen.api.backend.Probe;
import io.lumen.input.uinput.impl.kernel.Libc;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Whether /dev/uinput can be opened read-write, the one thing uinput needs. Opening is the only honest test (the
 * node may exist while the module is missing, or the permission come from an ACL), and it is cheap; the answer is
 * kept a few seconds because listings probe every backend.
 */
final class DeviceProbe {

    private static final System.Logger LOG = System.getLogger("lumen.input.uinput");
    static final String UNAVAILABLE = " not writable (add the user to the input group or load the uinput module)";
    static final long CACHE_MILLIS = 3000;

    private final Path device;
    private final LongSupplier clockMillis;
    private Probe cached;
    private long checkedAt;

    DeviceProbe(Path device, LongSupplier clockMillis) {
        this.device = device;
        this.clockMillis = clockMillis;
    }

    synchronized Probe probe() {
        long now = clockMillis.getAsLong();
        if (cached == null || now - checkedAt >= CACHE_MILLIS) {
            Probe fresh = check();
            if (cached == null || fresh.available() != cached.available()) {
                LOG.log(System.Logger.Level.INFO, "uinput backend " + fresh);
            }
            cached = fresh;
            checkedAt = now;
        }
        return cached;
    }

    private Probe check() {
        Libc.Result opened = Libc.open(device.toString(), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (opened.failed()) {
            LOG.log(System.Logger.Level.DEBUG, "opening " + device + ": " + opened.error());
            return Probe.unavailable(device + UNAVAILABLE);
        }
        Libc.close(opened.asInt());
        return Probe.ok();
    }
}
