package io.lumen.input.uinput.impl.kernel;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The uinput structs as 64-bit Linux lays them out (linux/input.h, linux/uinput.h), with the encoders and decoders
 * lumen needs. Fields are native-endian, as the kernel reads them.
 */
public final class Structs {

    private Structs() {
    }

    /** struct input_event on 64-bit: a struct timeval (two longs), then type, code and value. */
    public static final StructLayout INPUT_EVENT = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_usec"),
            JAVA_SHORT.withName("type"), JAVA_SHORT.withName("code"), JAVA_INT.withName("value"));

    public static final StructLayout INPUT_ID = MemoryLayout.structLayout(
            JAVA_SHORT.withName("bustype"), JAVA_SHORT.withName("vendor"), JAVA_SHORT.withName("product"),
            JAVA_SHORT.withName("version"));

    /** UINPUT_MAX_NAME_SIZE, the terminating NUL included. */
    public static final int NAME_SIZE = 80;

    public static final StructLayout UINPUT_SETUP = MemoryLayout.structLayout(
            INPUT_ID.withName("id"), MemoryLayout.sequenceLayout(NAME_SIZE, ValueLayout.JAVA_BYTE).withName("name"),
            JAVA_INT.withName("ff_effects_max"));

    public static final StructLayout INPUT_ABSINFO = MemoryLayout.structLayout(
            JAVA_INT.withName("value"), JAVA_INT.withName("minimum"), JAVA_INT.withName("maximum"),
            JAVA_INT.withName("fuzz"), JAVA_INT.withName("flat"), JAVA_INT.withName("resolution"));

    public static final StructLayout UINPUT_ABS_SETUP = MemoryLayout.structLayout(
            JAVA_SHORT.withName("code"), MemoryLayout.paddingLayout(2), INPUT_ABSINFO.withName("absinfo"));

    /**
     * The union of effect parameters in struct ff_effect: 32 bytes, 8-aligned because ff_periodic_effect ends in
     * a pointer. Only its ff_rumble_effect view (two u16 at its start) is read.
     */
    private static final StructLayout FF_UNION = MemoryLayout.structLayout(
            JAVA_SHORT.withName("strong_magnitude"), JAVA_SHORT.withName("weak_magnitude"),
            MemoryLayout.paddingLayout(28)).withByteAlignment(8);

    public static final StructLayout FF_EFFECT = MemoryLayout.structLayout(
            JAVA_SHORT.withName("type"), JAVA_SHORT.withName("id"), JAVA_SHORT.withName("direction"),
            JAVA_SHORT.withName("trigger_button"), JAVA_SHORT.withName("trigger_interval"),
            JAVA_SHORT.withName("replay_length"), JAVA_SHORT.withName("replay_delay"),
            MemoryLayout.paddingLayout(2), FF_UNION.withName("u"));

    public static final StructLayout UINPUT_FF_UPLOAD = MemoryLayout.structLayout(
            JAVA_INT.withName("request_id"), JAVA_INT.withName("retval"), FF_EFFECT.withName("effect"),
            FF_EFFECT.withName("old"));

    public static final StructLayout UINPUT_FF_ERASE = MemoryLayout.structLayout(
            JAVA_INT.withName("request_id"), JAVA_INT.withName("retval"), JAVA_INT.withName("effect_id"));

    private static final VarHandle EVENT_TYPE = handle(INPUT_EVENT, "type");
    private static final VarHandle EVENT_CODE = handle(INPUT_EVENT, "code");
    private static final VarHandle EVENT_VALUE = handle(INPUT_EVENT, "value");
    private static final long EVENT_SIZE = INPUT_EVENT.byteSize();

    /** Offsets of the fields the encoders below write; taken from the layouts so the two cannot disagree. */
    public static long offset(StructLayout layout, String... path) {
        MemoryLayout.PathElement[] elements = new MemoryLayout.PathElement[path.length];
        for (int i = 0; i < path.length; i++) {
            elements[i] = groupElement(path[i]);
        }
        return layout.byteOffset(elements);
    }

    private static VarHandle handle(StructLayout layout, String field) {
        return layout.varHandle(groupElement(field));
    }

    /**
     * Writes event number {@code index} of an array of input_events. The time stays zero: the kernel stamps
     * events written to uinput itself.
     */
    public static void putEvent(MemorySegment events, int index, int type, int code, int value) {
        long base = index * EVENT_SIZE;
        events.asSlice(base, EVENT_SIZE).fill((byte) 0);
        EVENT_TYPE.set(events, base, (short) type);
        EVENT_CODE.set(events, base, (short) code);
        EVENT_VALUE.set(events, base, value);
    }

    public static int eventType(MemorySegment events, int index) {
        return Short.toUnsignedInt((short) EVENT_TYPE.get(events, index * EVENT_SIZE));
    }

    public static int eventCode(MemorySegment events, int index) {
        return Short.toUnsignedInt((short) EVENT_CODE.get(events, index * EVENT_SIZE));
    }

    public static int eventValue(MemorySegment events, int index) {
        return (int) EVENT_VALUE.get(events, index * EVENT_SIZE);
    }

    /** Fills a zeroed uinput_setup; the name is cut to 79 UTF-8 bytes on a character boundary. */
    public static void putSetup(MemorySegment setup, DeviceId id, String name, int ffEffectsMax) {
        setup.fill((byte) 0);
        long idAt = offset(UINPUT_SETUP, "id");
        setup.set(JAVA_SHORT, idAt, (short) id.bus());
        setup.set(JAVA_SHORT, idAt + 2, (short) id.vendor());
        setup.set(JAVA_SHORT, idAt + 4, (short) id.product());
        setup.set(JAVA_SHORT, idAt + 6, (short) id.version());
        byte[] bytes = truncatedName(name);
        MemorySegment.copy(bytes, 0, setup, ValueLayout.JAVA_BYTE, offset(UINPUT_SETUP, "name"), bytes.length);
        setup.set(JAVA_INT, offset(UINPUT_SETUP, "ff_effects_max"), ffEffectsMax);
    }

    static byte[] truncatedName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, NAME_SIZE - 1);
        // never split a multi-byte character: back up over continuation bytes (10xxxxxx)
        while (length < bytes.length && length > 0 && (bytes[length] & 0xC0) == 0x80) {
            length--;
        }
        return java.util.Arrays.copyOf(bytes, length);
    }

    /** Fills a uinput_abs_setup for one axis. */
    public static void putAbsSetup(MemorySegment absSetup, AbsAxis axis) {
        absSetup.fill((byte) 0);
        absSetup.set(JAVA_SHORT, 0, (short) axis.code());
        long info = offset(UINPUT_ABS_SETUP, "absinfo");
        absSetup.set(JAVA_INT, info, axis.minimum() <= 0 && axis.maximum() >= 0 ? 0 : axis.minimum());
        absSetup.set(JAVA_INT, info + 4, axis.minimum());
        absSetup.set(JAVA_INT, info + 8, axis.maximum());
        absSetup.set(JAVA_INT, info + 12, axis.fuzz());
        absSetup.set(JAVA_INT, info + 16, axis.flat());
        absSetup.set(JAVA_INT, info + 20, axis.resolution());
    }

    /** Reads the {@code "effect"} or {@code "old"} ff_effect of a uinput_ff_upload the kernel filled. */
    public static FfEffect readEffect(MemorySegment upload, String which) {
        long at = offset(UINPUT_FF_UPLOAD, which);
        return new FfEffect(
                Short.toUnsignedInt(upload.get(JAVA_SHORT, at + offset(FF_EFFECT, "type"))),
                upload.get(JAVA_SHORT, at + offset(FF_EFFECT, "id")),
                Short.toUnsignedInt(upload.get(JAVA_SHORT, at + offset(FF_EFFECT, "replay_length"))),
                Short.toUnsignedInt(upload.get(JAVA_SHORT, at + offset(FF_EFFECT, "replay_delay"))),
                Short.toUnsignedInt(upload.get(JAVA_SHORT, at + offset(FF_EFFECT, "u", "strong_magnitude"))),
                Short.toUnsignedInt(upload.get(JAVA_SHORT, at + offset(FF_EFFECT, "u", "weak_magnitude"))));
    }

    /** Writes an ff_effect into the {@code "effect"} or {@code "old"} slot, as the kernel does before a reply. */
    public static void putEffect(MemorySegment upload, String which, FfEffect effect) {
        long at = offset(UINPUT_FF_UPLOAD, which);
        upload.asSlice(at, FF_EFFECT.byteSize()).fill((byte) 0);
        upload.set(JAVA_SHORT, at + offset(FF_EFFECT, "type"), (short) effect.type());
        upload.set(JAVA_SHORT, at + offset(FF_EFFECT, "id"), (short) effect.id());
        upload.set(JAVA_SHORT, at + offset(FF_EFFECT, "replay_length"), (short) effect.replayLengthMillis());
        upload.set(JAVA_SHORT, at + offset(FF_EFFECT, "replay_delay"), (short) effect.replayDelayMillis());
        upload.set(JAVA_SHORT, at + offset(FF_EFFECT, "u", "strong_magnitude"), (short) effect.strong());
        upload.set(JAVA_SHORT, at + offset(FF_EFFECT, "u", "weak_magnitude"), (short) effect.weak());
    }

    public static int requestId(MemorySegment uploadOrErase) {
        return uploadOrErase.get(JAVA_INT, 0);
    }

    public static void putRequestId(MemorySegment uploadOrErase, int requestId) {
        uploadOrErase.set(JAVA_INT, 0, requestId);
    }

    public static void putRetval(MemorySegment uploadOrErase, int retval) {
        uploadOrErase.set(JAVA_INT, offset(UINPUT_FF_UPLOAD, "retval"), retval);
    }

    public static int retval(MemorySegment uploadOrErase) {
        return uploadOrErase.get(JAVA_INT, offset(UINPUT_FF_UPLOAD, "retval"));
    }

    public static int erasedEffectId(MemorySegment erase) {
        return erase.get(JAVA_INT, offset(UINPUT_FF_ERASE, "effect_id"));
    }

    public static void putErasedEffectId(MemorySegment erase, int effectId) {
        erase.set(JAVA_INT, offset(UINPUT_FF_ERASE, "effect_id"), effectId);
    }
}
