package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.audio.AudioStreamStats;
import io.lumen.protocol.moonlight.impl.control.ControlEndpoint;
import io.lumen.protocol.moonlight.impl.control.ControlStats;
import io.lumen.protocol.moonlight.impl.input.InputStats;
import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.protocol.moonlight.impl.video.VideoStreamStats;

import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A stream's figures as {@code lumen:session} shows them, one line per concern. */
final class StreamReport {

    private StreamReport() {
    }

    static Map<String, Object> of(LaunchSession launch, StreamParameters p, InetAddress client, Instant started,
                                  VideoStreamStats video, AudioStreamStats audio, ControlStats control,
                                  ControlEndpoint endpoint, InputStats input, int fecPercent) {
        int baseFec = MoonlightStream.FEC_PERCENT;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("client", "\"" + launch.clientName() + "\" " + client.getHostAddress() + " (app \""
                + launch.app().title() + "\")");
        report.put("negotiated", p.mode() + " " + p.codec() + (p.tenBit() ? " 10-bit" : "") + ", "
                + p.encoderBitrateKbps(baseFec) + " kbps (client asked " + Math.max(p.configuredBitrateKbps(),
                p.maxBitrateKbps()) + "), " + p.slices() + " slice(s), packets of " + p.packetSize() + " bytes");
        report.put("encryption", p.encryptedStreams());
        report.put("fec", p.fecScheme() + " " + fecPercent + "% now (" + baseFec + "% base, raised up to "
                + MoonlightStream.MAX_FEC_PERCENT + "% while the client reports loss), at least "
                + p.minRequiredFecPackets() + " parity shard(s) a block");
        report.put("video", video.framesSent() + " frames, " + video.packetsSent() + " packets (" + video.dataPackets()
                + " data, " + video.parityPackets() + " parity), " + video.fecBlocks() + " FEC blocks, "
                + video.framesWithoutFec() + " frames without FEC, " + video.bytesSent() + " bytes");
        report.put("video waiting", video.framesAwaitingClient() + " frames held back until the client could start"
                + " (its ping, then a keyframe), "
                + (video.framesUnsendable() + video.framesFailed()) + " unsendable or failed");
        report.put("send time", String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms (encoder output to last packet,"
                + " %d frames)", video.hostTimeP50Nanos() / 1e6, video.hostTimeP99Nanos() / 1e6, video.hostTimeSamples()));
        report.put("keyframe requests", control.keyframeRequests());
        report.put("client loss", control.framesReportedLossy() + " frames reported lossy, "
                + control.framesReportedLost() + " lost");
        report.put("control", String.format(Locale.ROOT, "round trip %d ms, received %s, dropped %s",
                endpoint.roundTripTime().toMillis(), control.received(), control.dropped()));
        report.put("audio stream", audio.dataPackets() + " packets, " + audio.fecPackets() + " FEC packets, "
                + audio.unsent() + " made before the client's ping" + (audio.failure() == null ? ""
                : "; stopped listening: " + audio.failure()));
        report.put("input", input == null ? "none" : input.toString());
        report.put("foreign packets", "video " + video.foreignDatagrams() + ", audio " + audio.foreignDropped()
                + ", control " + endpoint.droppedDatagrams() + " dropped and " + endpoint.refused()
                + " connections refused");
        report.put("control held", endpoint.enetStats().heldBytes() + " bytes in unfinished packets (budget "
                + ControlEndpoint.OPTIONS.maxHostWaitingData() + ")");
        report.put("since", started);
        return report;
    }
}
