package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.audio.AudioStreamStats;
import io.lumen.protocol.moonlight.impl.control.ControlEndpoint;
import io.lumen.protocol.moonlight.impl.control.ControlStats;
import io.lumen.protocol.moonlight.impl.input.InputStats;
import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.protocol.moonlight.impl.video.LinkLoss;
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

    /** What the stream did about loss: the loss its parity is sized for, how losses healed, the encoder's rate. */
    record Healing(LinkLoss sizedFor, double lossSeen, HealGate.Counts heals, int encoderKbps, int wireKbps) {
    }

    static Map<String, Object> of(LaunchSession launch, StreamParameters p, InetAddress client, Instant started,
                                  VideoStreamStats video, AudioStreamStats audio, ControlStats control,
                                  ControlEndpoint endpoint, InputStats input, int fecPercent, Healing healing) {
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
        report.put("fec spent", String.format(Locale.ROOT, "%.1f%% parity bytes over picture bytes (%d parity"
                        + " packets for %d data packets); parity sized for %s loss, the client's reports show %.2f%%",
                video.dataPackets() == 0 ? 0.0 : 100.0 * video.parityPackets() / video.dataPackets(),
                video.parityPackets(), video.dataPackets(), healing.sizedFor(), healing.lossSeen() * 100));
        report.put("encoder rate", healing.encoderKbps() + " kbps, so pictures with parity and headers stay within "
                + healing.wireKbps() + " kbps");
        report.put("keyframe requests", control.keyframeRequests());
        report.put("reference invalidations", control.invalidationRequests());
        report.put("client loss", (control.framesReportedLossy() - control.framesReportedLost())
                + " frames rebuilt by FEC, " + control.framesReportedLost() + " lost");
        HealGate.Counts heals = healing.heals();
        report.put("healing", heals.lossEvents() + " losses: " + heals.healedByKeyframe() + " healed by a keyframe, "
                + heals.healedByIntraRefresh() + " by intra refresh, " + heals.healedByInvalidation()
                + " by invalidated references; " + heals.coalesced() + " repeated requests answered by a frame"
                + " already sent; sent " + video.keyframesSent() + " keyframes, " + video.intraRefreshesSent()
                + " refresh waves, " + video.invalidationsSent() + " invalidations");
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
