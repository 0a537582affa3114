package io.lumen.input.uinput.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.input.InputBackend;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyCodes;
import io.lumen.input.uinput.impl.kernel.DevUhidPort;
import io.lumen.input.uinput.impl.kernel.DevUinputPort;
import io.lumen.log.WarnOnce;
import org.osgi.service.component.annotations.Component;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * Input through the kernel's virtual devices: works under any Linux desktop, X11 or Wayland, and inside gamescope,
 * because the devices are as real to them as plugged-in hardware. Ranked above the display-specific backends.
 */
@Component(service = InputBackend.class, property = "service.ranking:Integer=50")
public final class UinputBackend implements InputBackend {

    static final Path DEVICE = Path.of("/dev/uinput");
    static final Path UHID = Path.of("/dev/uhid");
    /** Touchpad, motion and battery events reach DualSense pads; an Xbox pad ignores them. */
    private static final Set<InputKind> KINDS = EnumSet.of(InputKind.KEY, InputKind.MOUSE_MOVE,
            InputKind.MOUSE_POSITION, InputKind.MOUSE_BUTTON, InputKind.SCROLL, InputKind.GAMEPAD,
            InputKind.GAMEPAD_ARRIVAL, InputKind.GAMEPAD_TOUCHPAD, InputKind.GAMEPAD_MOTION,
            InputKind.GAMEPAD_BATTERY, InputKind.TOUCH, InputKind.PEN, InputKind.HAPTICS);
    private static final System.Logger LOG = System.getLogger("lumen.input.uinput");

    private final Path device;
    private final Path uhid;
    private final IntUnaryOperator keyCodes;
    private final LongSupplier clockMillis;
    private final DeviceProbe probe;
    private final WarnOnce padWarnings = new WarnOnce(LOG);

    public UinputBackend() {
        this(DEVICE, UHID, KeyCodes::linux, UinputBackend::monotonicMillis);
    }

    UinputBackend(Path device, Path uhid, IntUnaryOperator keyCodes, LongSupplier clockMillis) {
        this.device = device;
        this.uhid = uhid;
        this.keyCodes = keyCodes;
        this.clockMillis = clockMillis;
        this.probe = new DeviceProbe(device, uhid, clockMillis);
    }

    private static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public String id() {
        return "uinput";
    }

    @Override
    public Probe probe() {
        return probe.probe();
    }

    @Override
    public Set<InputKind> kinds() {
        return KINDS;
    }

    @Override
    public InputSession open(InputRequest request, InputFeedback feedback) throws BackendException {
        Probe now = probe.probe();
        if (!now.available()) {
            throw new BackendException(now.reason());
        }
        PadPorts padPorts = new PadPorts(() -> DevUhidPort.open(uhid), PadPorts::monotonicMicros,
                PadPorts::randomMac, padWarnings);
        return UinputSession.open(request, feedback, () -> DevUinputPort.open(device), padPorts, keyCodes,
                clockMillis);
    }
}
