package io.lumen.input.uinput.impl.ff;

import io.lumen.api.input.PadFeedback;
import io.lumen.api.input.PadFeedback.Rumble;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.FfEffect;
import io.lumen.input.uinput.impl.kernel.Ioctl;
import io.lumen.input.uinput.impl.kernel.RecordingPort;
import io.lumen.input.uinput.impl.kernel.RecordingPort.Event;
import io.lumen.input.uinput.impl.kernel.RecordingPort.StructIoctl;
import io.lumen.input.uinput.impl.kernel.Structs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The upload and erase handshakes, with the test playing the kernel's part. */
class FfRequestsTest {

    private final RecordingPort port = new RecordingPort();
    private final List<PadFeedback> sent = new ArrayList<>();
    private final FfRequests requests = new FfRequests(port, new ForceFeedback(0, 16, sent::add));

    private void kernelHasUpload(FfEffect effect) {
        port.kernel = (request, argument) -> {
            if (request == Ioctl.UI_BEGIN_FF_UPLOAD) {
                Structs.putEffect(argument, "effect", effect);
            } else if (request == Ioctl.UI_BEGIN_FF_ERASE) {
                Structs.putErasedEffectId(argument, effect.id());
            }
        };
    }

    @Test
    void anUploadIsFetchedStoredAndAnsweredWithItsRequestId() throws IOException {
        kernelHasUpload(new FfEffect(Codes.FF_RUMBLE, 5, 1000, 0, 0x7000, 0x3000));
        port.toRead.add(RecordingPort.encode(new Event(Codes.EV_UINPUT, Codes.UI_FF_UPLOAD, 42)));
        requests.drain(0);
        assertEquals(2, port.calls.size());
        StructIoctl begin = (StructIoctl) port.calls.get(0);
        StructIoctl end = (StructIoctl) port.calls.get(1);
        assertEquals(Ioctl.UI_BEGIN_FF_UPLOAD, begin.request());
        assertEquals(Ioctl.UI_END_FF_UPLOAD, end.request());
        ByteBuffer reply = ByteBuffer.wrap(end.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(104, end.bytes().length);
        assertEquals(42, reply.getInt(0), "request_id");
        assertEquals(0, reply.getInt(4), "retval");
        assertEquals(5, reply.getShort(8 + 2), "the effect stays as the kernel gave it");

        port.clear();
        port.toRead.add(RecordingPort.encode(new Event(Codes.EV_FF, 5, 1)));
        requests.drain(10);
        assertEquals(List.of(new Rumble(0, 0x7000, 0x3000)), sent);
        assertEquals(List.of(), port.calls, "a play needs no answer");
    }

    @Test
    void anUnsupportedEffectIsRefusedWithEinval() throws IOException {
        kernelHasUpload(new FfEffect(0x52, 0, 0, 0, 0, 0)); // FF_CONSTANT
        port.toRead.add(RecordingPort.encode(new Event(Codes.EV_UINPUT, Codes.UI_FF_UPLOAD, 1)));
        requests.drain(0);
        StructIoctl end = (StructIoctl) port.calls.get(1);
        assertEquals(-22, ByteBuffer.wrap(end.bytes()).order(ByteOrder.LITTLE_ENDIAN).getInt(4));
    }

    @Test
    void anEraseOfThePlayingEffectStopsTheRumble() throws IOException {
        kernelHasUpload(new FfEffect(Codes.FF_RUMBLE, 3, 0, 0, 100, 200));
        port.toRead.add(RecordingPort.encode(new Event(Codes.EV_UINPUT, Codes.UI_FF_UPLOAD, 1),
                new Event(Codes.EV_FF, 3, 1), new Event(Codes.EV_UINPUT, Codes.UI_FF_ERASE, 2)));
        requests.drain(0);
        StructIoctl beginErase = (StructIoctl) port.calls.get(2);
        StructIoctl endErase = (StructIoctl) port.calls.get(3);
        assertEquals(Ioctl.UI_BEGIN_FF_ERASE, beginErase.request());
        assertEquals(Ioctl.UI_END_FF_ERASE, endErase.request());
        ByteBuffer reply = ByteBuffer.wrap(endErase.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(12, endErase.bytes().length);
        assertEquals(List.of(2, 0, 3), List.of(reply.getInt(0), reply.getInt(4), reply.getInt(8)));
        assertEquals(List.of(new Rumble(0, 100, 200), new Rumble(0, 0, 0)), sent);
    }
}
