package io.lumen.input.uinput.impl.dualsense;

import io.lumen.api.input.GamepadBattery;
import io.lumen.api.input.GamepadMotion;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.GamepadTouchpad;
import io.lumen.api.input.InputFeedback;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.DeviceId;
import io.lumen.input.uinput.impl.kernel.Uhid;
import io.lumen.input.uinput.impl.kernel.UhidPort;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.LongSupplier;

/**
 * A DualSense on USB made through /dev/uhid: the kernel's hid-playstation driver binds it as it would the real pad
 * and makes its gamepad, touchpad and motion-sensor devices, its battery and its LEDs; SDL and Steam can also
 * drive it through hidraw. The client's events become input reports; what the driver and games send back is read
 * by {@link #requests()} on the feedback loop.
 * <p>
 * Writes from the session's thread only; the requests write their replies from the loop's thread with their own
 * buffer (the kernel serialises writes on one fd).
 */
public final class DualSense implements AutoCloseable {

    public static final DeviceId ID = new DeviceId(Codes.BUS_USB, 0x054c, 0x0ce6, 0x0100);
    /** What the host asks of the client's motion sensors: the rate Sunshine asks for its virtual DualSense. */
    public static final int MOTION_RATE_HZ = 100;

    private static final System.Logger LOG = System.getLogger("lumen.input.uinput");

    private final UhidPort port;
    private final String name;
    private final InputReport report = new InputReport();
    private final LongSupplier clockMicros;
    private final UhidRequests requests;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment event = arena.allocate(Uhid.EVENT_SIZE, 8);
    private boolean closed;

    private DualSense(UhidPort port, String name, LongSupplier clockMicros, UhidRequests requests) {
        this.port = port;
        this.name = name;
        this.clockMicros = clockMicros;
        this.requests = requests;
    }

    /**
     * Creates the device on {@code port} (UHID_CREATE2) and sends its first report. The port belongs to the pad
     * from here on, closed with it, or at once when creation fails. The driver binds it asynchronously, asking
     * for its feature reports: the requests must join the feedback loop at once.
     */
    public static DualSense create(UhidPort port, String name, String phys, byte[] mac, int controllerNumber,
                                   InputFeedback feedback, LongSupplier clockMicros) throws IOException {
        FeatureReports features = new FeatureReports(mac);
        UhidRequests requests = new UhidRequests(port, controllerNumber, features,
                new OutputReports(controllerNumber, feedback));
        DualSense pad = new DualSense(port, name, clockMicros, requests);
        try {
            port.write(Uhid.create2(pad.event, ID, name, phys, features.macAddress(), ReportDescriptor.bytes()));
            pad.send();
        } catch (IOException | RuntimeException e) {
            pad.close();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "device created: \"" + name + "\" through uhid ("
                + features.macAddress() + ")");
        return pad;
    }

    public String name() {
        return name;
    }

    public UhidRequests requests() {
        return requests;
    }

    public void apply(GamepadState state) throws IOException {
        report.apply(state);
        send();
    }

    public void touch(GamepadTouchpad touch) throws IOException {
        if (report.touch(touch)) {
            send();
        }
    }

    public void motion(GamepadMotion motion) throws IOException {
        report.motion(motion);
        send();
    }

    public void battery(GamepadBattery battery) throws IOException {
        report.battery(battery);
        send();
    }

    private void send() throws IOException {
        port.write(Uhid.input2(event, report.next(clockMicros.getAsLong())));
    }

    /**
     * Lets go of everything (a last report at rest, so no button stays down in a game that keeps its state),
     * destroys the device and closes the port; idempotent. The requests must have left the loop before.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            report.rest();
            send();
            port.write(Uhid.destroy(event));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "destroying \"" + name + "\" failed: " + e.getMessage());
        }
        port.close();
        requests.close();
        arena.close();
        LOG.log(System.Logger.Level.INFO, "device removed: \"" + name + "\"");
    }
}
