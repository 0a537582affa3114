package io.lumen.input.uinput.impl;

import io.lumen.api.backend.Probe;
import io.lumen.input.uinput.impl.kernel.Libc;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Whether /dev/uinput can be opened read-write, the one thing uinput needs. Opening is the only honest test (the
 * node may exist while the module is missing, or the permission come from an ACL), and it is cheap; the answer is
 * kept a few seconds because listings probe every backend. /dev/uhid is looked at too but never gates: without it
 * PlayStation pads become Xbox 360 pads, which is said once each time that changes.
 */
final class DeviceProbe {

    private static final System.Logger LOG = System.getLogger("lumen.input.uinput");
    static final String UNAVAILABLE = " not writable (add the user to the input group or load the uinput module)";
    static final String NO_UHID = " not writable: PlayStation pads become Xbox 360 pads (load the uhid module and"
            + " give the user rw on it)";
    static final long CACHE_MILLIS = 3000;

    private final Path device;
    private final Path uhid;
    private final LongSupplier clockMillis;
    private Probe cached;
    private Boolean uhidWritable;
    private long checkedAt;

    DeviceProbe(Path device, Path uhid, LongSupplier clockMillis) {
        this.device = device;
        this.uhid = uhid;
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
            checkUhid();
        }
        return cached;
    }

    private Probe check() {
        return opens(device) ? Probe.ok() : Probe.unavailable(device + UNAVAILABLE);
    }

    private void checkUhid() {
        boolean writable = opens(uhid);
        if (uhidWritable == null || writable != uhidWritable) {
            LOG.log(System.Logger.Level.INFO, writable ? "uinput backend: " + uhid + " writable, PlayStation pads"
                    + " become DualSenses" : "uinput backend: " + uhid + NO_UHID);
        }
        uhidWritable = writable;
    }

    private static boolean opens(Path node) {
        Libc.Result opened = Libc.open(node.toString(), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (opened.failed()) {
            LOG.log(System.Logger.Level.DEBUG, "opening " + node + ": " + opened.error());
            return false;
        }
        Libc.close(opened.asInt());
        return true;
    }
}
