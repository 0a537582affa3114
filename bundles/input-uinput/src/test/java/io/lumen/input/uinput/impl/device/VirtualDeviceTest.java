package io.lumen.input.uinput.impl.device;

import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.Ioctl;
import io.lumen.input.uinput.impl.kernel.RecordingPort;
import io.lumen.input.uinput.impl.kernel.RecordingPort.Call;
import io.lumen.input.uinput.impl.kernel.RecordingPort.Event;
import io.lumen.input.uinput.impl.kernel.RecordingPort.IntIoctl;
import io.lumen.input.uinput.impl.kernel.RecordingPort.StructIoctl;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ioctls that announce and create each device, and what closing one sends. */
class VirtualDeviceTest {

    private final RecordingPort port = new RecordingPort();

    @Test
    void aKeyboardAnnouncesEveryKeyThenItsSetupThenCreates() throws IOException {
        VirtualDevice keyboard = VirtualDevice.create(port, Keyboard.spec("Deck"));
        List<Call> expected = new ArrayList<>();
        expected.add(new IntIoctl(Ioctl.UI_SET_EVBIT, Codes.EV_KEY));
        for (int key = 1; key <= 248; key++) {
            expected.add(new IntIoctl(Ioctl.UI_SET_KEYBIT, key));
        }
        List<Call> calls = port.calls;
        assertEquals(expected, calls.subList(0, expected.size()));
        StructIoctl setup = (StructIoctl) calls.get(expected.size());
        assertEquals(Ioctl.UI_DEV_SETUP, setup.request());
        ByteBuffer bytes = ByteBuffer.wrap(setup.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(Codes.BUS_VIRTUAL, bytes.getShort(0));
        assertEquals("lumen keyboard (Deck)", new String(setup.bytes(), 8, 21, StandardCharsets.UTF_8));
        assertEquals(0, setup.bytes()[8 + 21]);
        assertEquals(0, bytes.getInt(88), "no force feedback");
        assertEquals(new IntIoctl(Ioctl.UI_DEV_CREATE, 0), calls.get(expected.size() + 1));
        assertEquals(Ioctl.getSysname(64), ((StructIoctl) calls.get(expected.size() + 2)).request());
        assertEquals("input42", keyboard.sysname());
    }

    @Test
    void aPadDeclaresItsAxesWithRangesAndRumble() throws IOException {
        VirtualDevice.create(port, Gamepad.spec("c", 0));
        List<long[]> axes = new ArrayList<>();
        List<Call> ff = new ArrayList<>();
        ByteBuffer setup = null;
        for (Call call : port.calls) {
            if (call instanceof StructIoctl s && s.request() == Ioctl.UI_ABS_SETUP) {
                ByteBuffer b = ByteBuffer.wrap(s.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                axes.add(new long[] {b.getShort(0), b.getInt(8), b.getInt(12), b.getInt(16), b.getInt(20)});
            } else if (call instanceof StructIoctl s && s.request() == Ioctl.UI_DEV_SETUP) {
                setup = ByteBuffer.wrap(s.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            } else if (call instanceof IntIoctl i && (i.request() == Ioctl.UI_SET_FFBIT
                    || (i.request() == Ioctl.UI_SET_EVBIT && i.argument() == Codes.EV_FF))) {
                ff.add(call);
            }
        }
        assertEquals(8, axes.size());
        assertEquals(List.of(0L, -32768L, 32767L, 16L, 128L), List.of(box(axes.get(0))), "ABS_X");
        assertEquals(List.of(2L, 0L, 255L, 0L, 0L), List.of(box(axes.get(4))), "ABS_Z");
        assertEquals(List.of(0x10L, -1L, 1L, 0L, 0L), List.of(box(axes.get(6))), "ABS_HAT0X");
        assertEquals(List.of(new IntIoctl(Ioctl.UI_SET_EVBIT, Codes.EV_FF),
                new IntIoctl(Ioctl.UI_SET_FFBIT, Codes.FF_RUMBLE)), ff);
        assertEquals(Codes.BUS_USB, setup.getShort(0));
        assertEquals(0x045e, setup.getShort(2));
        assertEquals(0x028e, setup.getShort(4));
        assertEquals(16, setup.getInt(88));
    }

    private static Long[] box(long[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Long[]::new);
    }

    @Test
    void touchscreensAndPensAreDirectPointersAreNot() throws IOException {
        VirtualDevice.create(port, Touchscreen.spec("c", 1280, 720));
        assertTrue(port.calls.contains(new IntIoctl(Ioctl.UI_SET_PROPBIT, Codes.INPUT_PROP_DIRECT)));
        port.clear();
        VirtualDevice.create(port, AbsolutePointer.spec("c", 1280, 720));
        assertTrue(port.calls.stream().noneMatch(c -> c instanceof IntIoctl i && i.request() == Ioctl.UI_SET_PROPBIT));
    }

    @Test
    void closingReleasesWhatIsHeldThenDestroys() throws IOException {
        VirtualDevice mouse = VirtualDevice.create(port, RelativeMouse.spec("c"));
        mouse.key(Codes.BTN_LEFT, true);
        mouse.key(Codes.BTN_EXTRA, true);
        mouse.sync();
        port.clear();
        mouse.close();
        assertEquals(List.of(new Event(Codes.EV_KEY, Codes.BTN_LEFT, 0), new Event(Codes.EV_KEY, Codes.BTN_EXTRA, 0),
                new Event(Codes.EV_SYN, Codes.SYN_REPORT, 0)), port.events());
        assertEquals(new IntIoctl(Ioctl.UI_DEV_DESTROY, 0), port.calls.getLast());
        assertTrue(port.closed);
        mouse.close();
        assertEquals(2, port.calls.size(), "closing twice does nothing more");
    }

    @Test
    void aRefusedCreateClosesThePort() {
        port.failing = Ioctl.UI_DEV_CREATE;
        IOException refused = assertThrows(IOException.class, () -> VirtualDevice.create(port, Keyboard.spec("c")));
        assertTrue(refused.getMessage().contains("refused"));
        assertTrue(port.closed);
    }

    @Test
    void longFramesAreWrittenInPartsEndingInOneSync() throws IOException {
        VirtualDevice keyboard = VirtualDevice.create(port, Keyboard.spec("c"));
        port.clear();
        for (int key = 1; key <= 100; key++) {
            keyboard.key(key, true);
        }
        keyboard.sync();
        assertEquals(2, port.calls.size());
        List<Event> events = port.events();
        assertEquals(101, events.size());
        assertEquals(new Event(Codes.EV_SYN, Codes.SYN_REPORT, 0), events.getLast());
    }
}
