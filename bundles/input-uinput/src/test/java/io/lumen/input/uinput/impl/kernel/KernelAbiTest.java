package io.lumen.input.uinput.impl.kernel;

import io.lumen.nativeaccess.testing.CompiledValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The structs and request numbers against the kernel headers' ABI, byte for byte. */
class KernelAbiTest {

    /** _IOC from asm-generic/ioctl.h, written out here apart from the code under test. */
    private static long ioc(int dir, char type, int nr, int size) {
        return ((long) dir << 30) | ((long) size << 16) | ((long) type << 8) | nr;
    }

    private static final Map<String, Long> EXPECTED_REQUESTS = new HashMap<>();

    static {
        EXPECTED_REQUESTS.put("UI_DEV_CREATE", ioc(0, 'U', 1, 0));
        EXPECTED_REQUESTS.put("UI_DEV_DESTROY", ioc(0, 'U', 2, 0));
        EXPECTED_REQUESTS.put("UI_DEV_SETUP", ioc(1, 'U', 3, 92));
        EXPECTED_REQUESTS.put("UI_ABS_SETUP", ioc(1, 'U', 4, 28));
        EXPECTED_REQUESTS.put("UI_SET_EVBIT", ioc(1, 'U', 100, 4));
        EXPECTED_REQUESTS.put("UI_SET_KEYBIT", ioc(1, 'U', 101, 4));
        EXPECTED_REQUESTS.put("UI_SET_RELBIT", ioc(1, 'U', 102, 4));
        EXPECTED_REQUESTS.put("UI_SET_ABSBIT", ioc(1, 'U', 103, 4));
        EXPECTED_REQUESTS.put("UI_SET_FFBIT", ioc(1, 'U', 107, 4));
        EXPECTED_REQUESTS.put("UI_SET_PROPBIT", ioc(1, 'U', 110, 4));
        EXPECTED_REQUESTS.put("UI_BEGIN_FF_UPLOAD", ioc(3, 'U', 200, 104));
        EXPECTED_REQUESTS.put("UI_END_FF_UPLOAD", ioc(1, 'U', 201, 104));
        EXPECTED_REQUESTS.put("UI_BEGIN_FF_ERASE", ioc(3, 'U', 202, 12));
        EXPECTED_REQUESTS.put("UI_END_FF_ERASE", ioc(1, 'U', 203, 12));
        EXPECTED_REQUESTS.put("UI_GET_SYSNAME(64)", ioc(2, 'U', 44, 64));
    }

    private static Map<String, Long> javaRequests() {
        Map<String, Long> requests = new HashMap<>();
        requests.put("UI_DEV_CREATE", Ioctl.UI_DEV_CREATE);
        requests.put("UI_DEV_DESTROY", Ioctl.UI_DEV_DESTROY);
        requests.put("UI_DEV_SETUP", Ioctl.UI_DEV_SETUP);
        requests.put("UI_ABS_SETUP", Ioctl.UI_ABS_SETUP);
        requests.put("UI_SET_EVBIT", Ioctl.UI_SET_EVBIT);
        requests.put("UI_SET_KEYBIT", Ioctl.UI_SET_KEYBIT);
        requests.put("UI_SET_RELBIT", Ioctl.UI_SET_RELBIT);
        requests.put("UI_SET_ABSBIT", Ioctl.UI_SET_ABSBIT);
        requests.put("UI_SET_FFBIT", Ioctl.UI_SET_FFBIT);
        requests.put("UI_SET_PROPBIT", Ioctl.UI_SET_PROPBIT);
        requests.put("UI_BEGIN_FF_UPLOAD", Ioctl.UI_BEGIN_FF_UPLOAD);
        requests.put("UI_END_FF_UPLOAD", Ioctl.UI_END_FF_UPLOAD);
        requests.put("UI_BEGIN_FF_ERASE", Ioctl.UI_BEGIN_FF_ERASE);
        requests.put("UI_END_FF_ERASE", Ioctl.UI_END_FF_ERASE);
        requests.put("UI_GET_SYSNAME(64)", Ioctl.getSysname(64));
        return requests;
    }

    @Test
    void requestNumbersFollowTheIocFormula() {
        assertEquals(EXPECTED_REQUESTS, javaRequests());
        // two spelled out, as the values strace shows
        assertEquals(0x5501L, Ioctl.UI_DEV_CREATE);
        assertEquals(0x405c5503L, Ioctl.UI_DEV_SETUP);
        assertEquals(0xc06855c8L, Ioctl.UI_BEGIN_FF_UPLOAD);
    }

    /** The sizes and offsets of linux/input.h and linux/uinput.h on a 64-bit machine. */
    private static Map<String, Long> javaLayout() {
        Map<String, Long> layout = new HashMap<>();
        layout.put("sizeof(struct input_event)", Structs.INPUT_EVENT.byteSize());
        layout.put("offsetof(struct input_event, type)", Structs.offset(Structs.INPUT_EVENT, "type"));
        layout.put("offsetof(struct input_event, code)", Structs.offset(Structs.INPUT_EVENT, "code"));
        layout.put("offsetof(struct input_event, value)", Structs.offset(Structs.INPUT_EVENT, "value"));
        layout.put("sizeof(struct uinput_setup)", Structs.UINPUT_SETUP.byteSize());
        layout.put("offsetof(struct uinput_setup, name)", Structs.offset(Structs.UINPUT_SETUP, "name"));
        layout.put("offsetof(struct uinput_setup, ff_effects_max)",
                Structs.offset(Structs.UINPUT_SETUP, "ff_effects_max"));
        layout.put("sizeof(struct uinput_abs_setup)", Structs.UINPUT_ABS_SETUP.byteSize());
        layout.put("offsetof(struct uinput_abs_setup, absinfo)", Structs.offset(Structs.UINPUT_ABS_SETUP, "absinfo"));
        layout.put("sizeof(struct ff_effect)", Structs.FF_EFFECT.byteSize());
        layout.put("offsetof(struct ff_effect, replay.length)", Structs.offset(Structs.FF_EFFECT, "replay_length"));
        layout.put("offsetof(struct ff_effect, u.rumble.strong_magnitude)",
                Structs.offset(Structs.FF_EFFECT, "u", "strong_magnitude"));
        layout.put("offsetof(struct ff_effect, u.rumble.weak_magnitude)",
                Structs.offset(Structs.FF_EFFECT, "u", "weak_magnitude"));
        layout.put("sizeof(struct uinput_ff_upload)", Structs.UINPUT_FF_UPLOAD.byteSize());
        layout.put("offsetof(struct uinput_ff_upload, retval)", Structs.offset(Structs.UINPUT_FF_UPLOAD, "retval"));
        layout.put("offsetof(struct uinput_ff_upload, effect)", Structs.offset(Structs.UINPUT_FF_UPLOAD, "effect"));
        layout.put("offsetof(struct uinput_ff_upload, old)", Structs.offset(Structs.UINPUT_FF_UPLOAD, "old"));
        layout.put("sizeof(struct uinput_ff_erase)", Structs.UINPUT_FF_ERASE.byteSize());
        layout.put("offsetof(struct uinput_ff_erase, effect_id)", Structs.offset(Structs.UINPUT_FF_ERASE, "effect_id"));
        return layout;
    }

    @Test
    void structsHaveTheKernelsSizesAndOffsets() {
        Map<String, Long> expected = new HashMap<>();
        expected.put("sizeof(struct input_event)", 24L);
        expected.put("offsetof(struct input_event, type)", 16L);
        expected.put("offsetof(struct input_event, code)", 18L);
        expected.put("offsetof(struct input_event, value)", 20L);
        expected.put("sizeof(struct uinput_setup)", 92L);
        expected.put("offsetof(struct uinput_setup, name)", 8L);
        expected.put("offsetof(struct uinput_setup, ff_effects_max)", 88L);
        expected.put("sizeof(struct uinput_abs_setup)", 28L);
        expected.put("offsetof(struct uinput_abs_setup, absinfo)", 4L);
        expected.put("sizeof(struct ff_effect)", 48L);
        expected.put("offsetof(struct ff_effect, replay.length)", 10L);
        expected.put("offsetof(struct ff_effect, u.rumble.strong_magnitude)", 16L);
        expected.put("offsetof(struct ff_effect, u.rumble.weak_magnitude)", 18L);
        expected.put("sizeof(struct uinput_ff_upload)", 104L);
        expected.put("offsetof(struct uinput_ff_upload, retval)", 4L);
        expected.put("offsetof(struct uinput_ff_upload, effect)", 8L);
        expected.put("offsetof(struct uinput_ff_upload, old)", 56L);
        expected.put("sizeof(struct uinput_ff_erase)", 12L);
        expected.put("offsetof(struct uinput_ff_erase, effect_id)", 8L);
        assertEquals(expected, javaLayout());
    }

    @Test
    void anInputEventIsTwentyFourBytesWithAZeroTime() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment events = arena.allocate(48);
            events.fill((byte) 0x55);
            Structs.putEvent(events, 0, Codes.EV_KEY, 30, 1);
            Structs.putEvent(events, 1, Codes.EV_ABS, Codes.ABS_MT_TRACKING_ID, -1);
            byte[] expected = new byte[48];
            expected[16] = 0x01;
            expected[18] = 30;
            expected[20] = 1;
            expected[24 + 16] = 0x03;
            expected[24 + 18] = 0x39;
            expected[24 + 20] = (byte) 0xff;
            expected[24 + 21] = (byte) 0xff;
            expected[24 + 22] = (byte) 0xff;
            expected[24 + 23] = (byte) 0xff;
            assertArrayEquals(expected, events.toArray(ValueLayout.JAVA_BYTE));
            assertEquals(Codes.EV_ABS, Structs.eventType(events, 1));
            assertEquals(-1, Structs.eventValue(events, 1));
        }
    }

    @Test
    void uinputSetupCarriesIdNameAndEffectCount() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment setup = arena.allocate(Structs.UINPUT_SETUP);
            Structs.putSetup(setup, new DeviceId(0x03, 0x045e, 0x028e, 0x0110), "pad", 16);
            ByteBuffer expected = ByteBuffer.allocate(92).order(ByteOrder.LITTLE_ENDIAN);
            expected.putShort((short) 3).putShort((short) 0x045e).putShort((short) 0x028e).putShort((short) 0x0110);
            expected.put("pad".getBytes(StandardCharsets.US_ASCII));
            expected.putInt(88, 16);
            assertArrayEquals(expected.array(), setup.toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void longNamesAreCutOnACharacterBoundaryAndStayTerminated() {
        String name = "a".repeat(78) + "é"; // 'é' is two bytes: 80 in all, one too many for the NUL
        byte[] cut = Structs.truncatedName(name);
        assertEquals(78, cut.length);
        assertEquals(79, Structs.truncatedName("b".repeat(100)).length);
    }

    @Test
    void absSetupCarriesTheAxisRange() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment absSetup = arena.allocate(Structs.UINPUT_ABS_SETUP);
            Structs.putAbsSetup(absSetup, new AbsAxis(Codes.ABS_X, -32768, 32767, 16, 128, 0));
            ByteBuffer expected = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
            expected.putShort(0, (short) 0).putInt(4, 0).putInt(8, -32768).putInt(12, 32767).putInt(16, 16)
                    .putInt(20, 128).putInt(24, 0);
            assertArrayEquals(expected.array(), absSetup.toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void rumbleEffectsRoundTripThroughTheUploadStruct() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment upload = arena.allocate(Structs.UINPUT_FF_UPLOAD);
            ByteBuffer raw = ByteBuffer.allocate(104).order(ByteOrder.LITTLE_ENDIAN);
            raw.putInt(0, 7); // request_id
            raw.putShort(8, (short) Codes.FF_RUMBLE).putShort(10, (short) 3).putShort(18, (short) 1500)
                    .putShort(20, (short) 20).putShort(24, (short) 0xC000).putShort(26, (short) 0x4000);
            MemorySegment.copy(MemorySegment.ofArray(raw.array()), 0, upload, 0, 104);
            assertEquals(new FfEffect(Codes.FF_RUMBLE, 3, 1500, 20, 0xC000, 0x4000), Structs.readEffect(upload, "effect"));
            assertEquals(7, Structs.requestId(upload));
            Structs.putRetval(upload, -22);
            assertEquals(-22, raw.order(ByteOrder.LITTLE_ENDIAN).putInt(4, -22).getInt(4));
            assertEquals(-22, upload.get(ValueLayout.JAVA_INT, 4));
            Structs.putEffect(upload, "old", new FfEffect(Codes.FF_RUMBLE, 3, 10, 0, 1, 2));
            assertEquals(new FfEffect(Codes.FF_RUMBLE, 3, 10, 0, 1, 2), Structs.readEffect(upload, "old"));
            assertEquals(1, upload.get(ValueLayout.JAVA_SHORT, 56 + 16));
        }
    }

    /**
     * The same numbers from the C compiler and this machine's kernel headers, when both are installed. The C
     * source is written at run time into the test's temporary directory.
     */
    @Test
    void theCCompilerAgrees(@TempDir Path dir) throws IOException, InterruptedException {
        List<String> constants = List.of("EV_KEY", "EV_REL", "EV_ABS", "EV_FF", "EV_UINPUT", "UI_FF_UPLOAD",
                "UI_FF_ERASE", "BTN_SOUTH", "BTN_NORTH", "BTN_WEST", "BTN_MODE", "BTN_TOOL_RUBBER", "BTN_TOUCH",
                "BTN_STYLUS3", "REL_WHEEL_HI_RES", "REL_HWHEEL_HI_RES", "ABS_MT_SLOT", "ABS_MT_TRACKING_ID",
                "ABS_MT_PRESSURE", "ABS_TILT_Y", "FF_RUMBLE", "INPUT_PROP_DIRECT", "BUS_VIRTUAL", "KEY_MICMUTE");
        List<String> expressions = new ArrayList<>(javaLayout().keySet());
        expressions.addAll(EXPECTED_REQUESTS.keySet());
        expressions.addAll(constants);
        Map<String, Long> fromC = CompiledValues.of(dir, expressions, "linux/uinput.h");
        assertEquals(javaLayout(), subset(fromC, javaLayout()));
        assertEquals(javaRequests(), subset(fromC, EXPECTED_REQUESTS));
        Map<String, Long> javaConstants = new HashMap<>();
        for (String name : constants) {
            long value = switch (name) {
                case "KEY_MICMUTE" -> Codes.KEY_LAST;
                default -> readConstant(name);
            };
            javaConstants.put(name, value);
        }
        assertEquals(javaConstants, subset(fromC, javaConstants));
    }

    private static long readConstant(String name) {
        try {
            return Codes.class.getField(name).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Codes has no " + name, e);
        }
    }

    private static Map<String, Long> subset(Map<String, Long> all, Map<String, Long> keys) {
        Map<String, Long> subset = new HashMap<>();
        for (String key : new HashSet<>(keys.keySet())) {
            assertTrue(all.containsKey(key), "the C program did not print " + key);
            subset.put(key, all.get(key));
        }
        return subset;
    }
}
