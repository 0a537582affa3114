package io.lumen.input.uinput.impl.ff;

import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.Ioctl;
import io.lumen.input.uinput.impl.kernel.Structs;
import io.lumen.input.uinput.impl.kernel.UinputPort;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The kernel's side of one pad's force feedback: reads the input_events its uinput fd reports and answers them.
 * An upload or erase blocks the program that asked until it is answered (UI_BEGIN_* fetches the request, UI_END_*
 * returns the retval); a play or stop goes to the pad's {@link ForceFeedback}.
 */
public final class FfRequests implements FeedbackSource {

    private static final int READ_EVENTS = 16;

    private final UinputPort port;
    private final ForceFeedback rumble;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment events = arena.allocate(Structs.INPUT_EVENT.byteSize() * READ_EVENTS, 8);
    private final MemorySegment upload = arena.allocate(Structs.UINPUT_FF_UPLOAD);
    private final MemorySegment erase = arena.allocate(Structs.UINPUT_FF_ERASE);

    public FfRequests(UinputPort port, ForceFeedback rumble) {
        this.port = port;
        this.rumble = rumble;
    }

    public UinputPort port() {
        return port;
    }

    @Override
    public int pollDescriptor() {
        return port.pollDescriptor();
    }

    @Override
    public long nextDeadline(long nowMillis) {
        return rumble.nextDeadline(nowMillis);
    }

    @Override
    public void advance(long nowMillis) {
        rumble.advance(nowMillis);
    }

    @Override
    public void stop() {
        rumble.stopAll();
    }

    public ForceFeedback rumble() {
        return rumble;
    }

    /** Handles everything pending on the port. */
    @Override
    public void drain(long nowMillis) throws IOException {
        int read;
        while ((read = port.read(events)) > 0) {
            int count = (int) (read / Structs.INPUT_EVENT.byteSize());
            for (int i = 0; i < count; i++) {
                handle(Structs.eventType(events, i), Structs.eventCode(events, i), Structs.eventValue(events, i),
                        nowMillis);
            }
        }
    }

    void handle(int type, int code, int value, long nowMillis) throws IOException {
        if (type == Codes.EV_UINPUT && code == Codes.UI_FF_UPLOAD) {
            upload.fill((byte) 0);
            Structs.putRequestId(upload, value);
            port.ioctl(Ioctl.UI_BEGIN_FF_UPLOAD, upload);
            Structs.putRetval(upload, rumble.upload(Structs.readEffect(upload, "effect"), nowMillis));
            port.ioctl(Ioctl.UI_END_FF_UPLOAD, upload);
        } else if (type == Codes.EV_UINPUT && code == Codes.UI_FF_ERASE) {
            erase.fill((byte) 0);
            Structs.putRequestId(erase, value);
            port.ioctl(Ioctl.UI_BEGIN_FF_ERASE, erase);
            Structs.putRetval(erase, rumble.erase(Structs.erasedEffectId(erase), nowMillis));
            port.ioctl(Ioctl.UI_END_FF_ERASE, erase);
        } else if (type == Codes.EV_FF) {
            rumble.play(code, value, nowMillis);
        }
    }

    /** Frees the buffers; the port belongs to the pad's device. */
    public void close() {
        arena.close();
    }
}
