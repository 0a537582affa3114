package io.lumen.input.uinput.impl.dualsense;

import io.lumen.input.uinput.impl.ff.FeedbackSource;
import io.lumen.input.uinput.impl.kernel.Uhid;
import io.lumen.input.uinput.impl.kernel.UhidPort;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The kernel's side of one virtual DualSense: reads the uhid_events its fd reports and answers them. A feature
 * request blocks whoever asked (the driver while it binds, SDL reading calibration) until it is answered or five
 * seconds pass, so every GET_REPORT gets a reply, an error for reports the pad does not have; SET_REPORT is
 * acknowledged; output reports go to {@link OutputReports}.
 */
public final class UhidRequests implements FeedbackSource {

    private static final System.Logger LOG = System.getLogger("lumen.input.uinput");

    private final UhidPort port;
    private final int controllerNumber;
    private final FeatureReports features;
    private final OutputReports outputs;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment event = arena.allocate(Uhid.EVENT_SIZE, 8);
    private final MemorySegment reply = arena.allocate(Uhid.EVENT_SIZE, 8);

    public UhidRequests(UhidPort port, int controllerNumber, FeatureReports features, OutputReports outputs) {
        this.port = port;
        this.controllerNumber = controllerNumber;
        this.features = features;
        this.outputs = outputs;
    }

    @Override
    public int pollDescriptor() {
        return port.pollDescriptor();
    }

    @Override
    public void drain(long nowMillis) throws IOException {
        while (port.read(event) > 0) {
            handle(event);
            event.fill((byte) 0);
        }
    }

    /** One uhid_event from the kernel. */
    void handle(MemorySegment received) throws IOException {
        switch (Uhid.type(received)) {
            case Uhid.GET_REPORT -> answerGetReport(received);
            case Uhid.SET_REPORT -> port.write(Uhid.setReportReply(clearedReply(), Uhid.requestId(received), 0));
            case Uhid.OUTPUT -> {
                if (Uhid.outputReportType(received) == Uhid.OUTPUT_REPORT
                        && !outputs.accept(Uhid.outputData(received))) {
                    LOG.log(System.Logger.Level.DEBUG, "pad " + controllerNumber + ": output report "
                            + Uhid.outputData(received).length + " bytes ignored");
                }
            }
            case Uhid.START -> LOG.log(System.Logger.Level.INFO, "pad " + controllerNumber
                    + ": a HID driver took the DualSense (" + features.macAddress() + ")");
            case Uhid.STOP -> LOG.log(System.Logger.Level.INFO, "pad " + controllerNumber
                    + ": the HID driver let go of the DualSense");
            default -> LOG.log(System.Logger.Level.DEBUG, "pad " + controllerNumber + ": uhid event "
                    + Uhid.type(received));
        }
    }

    private void answerGetReport(MemorySegment request) throws IOException {
        int id = Uhid.requestId(request);
        int number = Uhid.reportNumber(request);
        byte[] report = Uhid.reportType(request) == Uhid.FEATURE_REPORT ? features.report(number) : null;
        if (report == null) {
            LOG.log(System.Logger.Level.DEBUG, "pad " + controllerNumber + ": no report 0x"
                    + Integer.toHexString(number) + " of type " + Uhid.reportType(request));
            port.write(Uhid.getReportReply(clearedReply(), id, Uhid.EIO, new byte[0]));
        } else {
            port.write(Uhid.getReportReply(clearedReply(), id, 0, report));
        }
    }

    private MemorySegment clearedReply() {
        return reply.fill((byte) 0);
    }

    @Override
    public void stop() {
        outputs.stop();
    }

    /** Frees the buffers; the port belongs to the pad. */
    public void close() {
        arena.close();
    }
}
