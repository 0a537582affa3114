package io.lumen.input.uinput.impl.device;

import io.lumen.input.uinput.impl.kernel.AbsAxis;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.Ioctl;
import io.lumen.input.uinput.impl.kernel.Structs;
import io.lumen.input.uinput.impl.kernel.UinputPort;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;

/**
 * One created uinput device. Events are gathered into a frame and written with its SYN_REPORT in one write, so
 * the desktop sees each client event whole and it costs one system call. Keys and buttons held down are
 * remembered, so closing the device lets go of them instead of leaving the desktop with a stuck key.
 * <p>
 * Not thread-safe: its owner serialises calls.
 */
public final class VirtualDevice implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.input.uinput");
    /** Frames longer than this are written in parts; the kernel still delivers them as one at the SYN_REPORT. */
    static final int FRAME_EVENTS = 64;
    private static final int SYSNAME_BYTES = 64;

    private final UinputPort port;
    private final DeviceSpec spec;
    private final String sysname;
    // shared: close() may run on another thread than the events (never at the same time)
    private final Arena arena = Arena.ofShared();
    private final MemorySegment frame = arena.allocate(Structs.INPUT_EVENT.byteSize() * FRAME_EVENTS, 8);
    private final BitSet held = new BitSet();
    private int pending;
    private boolean closed;

    private VirtualDevice(UinputPort port, DeviceSpec spec, String sysname) {
        this.port = port;
        this.spec = spec;
        this.sysname = sysname;
    }

    /**
     * Announces {@code spec} on {@code port} and creates the device. The port belongs to the device from here on,
     * closed with it, or at once when creation fails.
     */
    public static VirtualDevice create(UinputPort port, DeviceSpec spec) throws IOException {
        try (Arena setup = Arena.ofConfined()) {
            declare(port, spec, setup);
            port.ioctl(Ioctl.UI_DEV_CREATE, 0);
            MemorySegment name = setup.allocate(SYSNAME_BYTES);
            String sysname;
            try {
                port.ioctl(Ioctl.getSysname(SYSNAME_BYTES), name);
                sysname = name.getString(0);
            } catch (IOException e) {
                sysname = "?"; // kernels before 3.15 cannot tell; the device works all the same
            }
            LOG.log(System.Logger.Level.INFO, "device created: \"" + spec.name() + "\" as " + sysname);
            return new VirtualDevice(port, spec, sysname);
        } catch (IOException | RuntimeException e) {
            port.close();
            throw e;
        }
    }

    private static void declare(UinputPort port, DeviceSpec spec, Arena setup) throws IOException {
        if (spec.keys().length > 0) {
            port.ioctl(Ioctl.UI_SET_EVBIT, Codes.EV_KEY);
            for (int key : spec.keys()) {
                port.ioctl(Ioctl.UI_SET_KEYBIT, key);
            }
        }
        if (spec.relativeAxes().length > 0) {
            port.ioctl(Ioctl.UI_SET_EVBIT, Codes.EV_REL);
            for (int axis : spec.relativeAxes()) {
                port.ioctl(Ioctl.UI_SET_RELBIT, axis);
            }
        }
        if (!spec.absoluteAxes().isEmpty()) {
            port.ioctl(Ioctl.UI_SET_EVBIT, Codes.EV_ABS);
            MemorySegment absSetup = setup.allocate(Structs.UINPUT_ABS_SETUP);
            for (AbsAxis axis : spec.absoluteAxes()) {
                port.ioctl(Ioctl.UI_SET_ABSBIT, axis.code());
                Structs.putAbsSetup(absSetup, axis);
                port.ioctl(Ioctl.UI_ABS_SETUP, absSetup);
            }
        }
        for (int property : spec.properties()) {
            port.ioctl(Ioctl.UI_SET_PROPBIT, property);
        }
        if (spec.ffEffects().length > 0) {
            port.ioctl(Ioctl.UI_SET_EVBIT, Codes.EV_FF);
            for (int effect : spec.ffEffects()) {
                port.ioctl(Ioctl.UI_SET_FFBIT, effect);
            }
        }
        MemorySegment uinputSetup = setup.allocate(Structs.UINPUT_SETUP);
        Structs.putSetup(uinputSetup, spec.id(), spec.name(), spec.ffEffectsMax());
        port.ioctl(Ioctl.UI_DEV_SETUP, uinputSetup);
    }

    public DeviceSpec spec() {
        return spec;
    }

    /** The kernel's name for it, "input23" (its node is /sys/devices/virtual/input/input23/eventN). */
    public String sysname() {
        return sysname;
    }

    public UinputPort port() {
        return port;
    }

    /** Adds one event to the frame. */
    public void emit(int type, int code, int value) throws IOException {
        if (pending == FRAME_EVENTS) {
            flush();
        }
        Structs.putEvent(frame, pending++, type, code, value);
    }

    /** A key or button, remembered while down. */
    public void key(int code, boolean down) throws IOException {
        held.set(code, down);
        emit(Codes.EV_KEY, code, down ? 1 : 0);
    }

    public boolean held(int code) {
        return held.get(code);
    }

    /** Ends the frame: SYN_REPORT, and the whole frame goes to the kernel. */
    public void sync() throws IOException {
        emit(Codes.EV_SYN, Codes.SYN_REPORT, 0);
        flush();
    }

    private void flush() throws IOException {
        if (pending > 0) {
            int events = pending;
            pending = 0;
            port.write(frame.asSlice(0, events * Structs.INPUT_EVENT.byteSize()));
        }
    }

    /** Lets go of every key and button still down, in one frame. */
    public void releaseAll() throws IOException {
        if (held.isEmpty()) {
            return;
        }
        for (int code = held.nextSetBit(0); code >= 0; code = held.nextSetBit(code + 1)) {
            emit(Codes.EV_KEY, code, 0);
        }
        held.clear();
        sync();
    }

    /** Releases what is held, destroys the device and closes its port; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pending = 0;
            releaseAll();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "releasing keys of \"" + spec.name() + "\" failed: " + e.getMessage());
        }
        try {
            port.ioctl(Ioctl.UI_DEV_DESTROY, 0);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "destroying \"" + spec.name() + "\" failed: " + e.getMessage());
        }
        port.close();
        arena.close();
        LOG.log(System.Logger.Level.INFO, "device removed: \"" + spec.name() + "\" (" + sysname + ")");
    }
}
