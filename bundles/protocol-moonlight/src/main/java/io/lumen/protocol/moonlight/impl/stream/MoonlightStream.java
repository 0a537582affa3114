package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.api.audio.AudioCaptureRequest;
import io.lumen.api.audio.AudioRequest;
import io.lumen.api.fec.FecSchemes;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.PadFeedback;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.session.StreamRequest;
import io.lumen.api.session.StreamSession;
import io.lumen.enet.EnetPeer;
import io.lumen.protocol.moonlight.impl.audio.AudioEncryption;
import io.lumen.protocol.moonlight.impl.audio.AudioStream;
import io.lumen.protocol.moonlight.impl.audio.AudioStreamParams;
import io.lumen.protocol.moonlight.impl.control.ControlCipher;
import io.lumen.protocol.moonlight.impl.control.ControlEndpoint;
import io.lumen.protocol.moonlight.impl.control.ControlListener;
import io.lumen.protocol.moonlight.impl.control.ControlMessage;
import io.lumen.protocol.moonlight.impl.control.ControlSession;
import io.lumen.protocol.moonlight.impl.control.FrameFecStatus;
import io.lumen.protocol.moonlight.impl.control.PadFeedbackMessages;
import io.lumen.protocol.moonlight.impl.input.SessionInput;
import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.protocol.moonlight.impl.net.UdpSockets;
import io.lumen.protocol.moonlight.impl.video.LinkLoss;
import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;
import io.lumen.protocol.moonlight.impl.video.VideoSender;
import io.lumen.protocol.moonlight.impl.video.VideoStreamParams;
import io.lumen.protocol.moonlight.impl.video.VideoStreamStats;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client's stream, from its ANNOUNCE to its end: the capture-and-encode pipeline whose pictures it sends as
 * video, the audio stream, and the control stream that asks for keyframes, reports loss and carries input. It ends
 * (and frees every port) when the client disconnects or goes silent, the app is quit, a new handshake replaces it,
 * or the client never shows up.
 */
final class MoonlightStream implements AccessUnitSink, ControlListener, ControlEndpoint.Handler, InputFeedback {

    /** Parity per 100 data shards, Sunshine's default, and how far the client's loss reports may raise it. */
    static final int FEC_PERCENT = 20;
    static final int MAX_FEC_PERCENT = 50;
    /** How long the client has to ping the video port and connect the control stream (Sunshine's ping_timeout). */
    static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(10);
    /** How long a graceful end waits for the client to acknowledge the termination. */
    private static final Duration GOODBYE = Duration.ofMillis(500);

    private final LaunchSession launch;
    private final StreamParameters parameters;
    private final InetAddress client;
    private final VideoSender video;
    private final AudioStream audio;
    private final ControlEndpoint control;
    private final ControlSession controlSession;
    private final ScheduledExecutorService timer;
    private final Consumer<MoonlightStream> onEnded;
    private final System.Logger log;
    private final Instant started = Instant.now();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AdaptiveFec fec = new AdaptiveFec(FEC_PERCENT, MAX_FEC_PERCENT);
    private final LossEstimate loss = new LossEstimate();
    private final HealGate heal;
    private final BitrateBudget budget;
    private volatile ScheduledFuture<?> fecTicks;
    private volatile StreamSession pipeline;
    private volatile SessionInput input;
    private volatile boolean controlConnected;
    /** Seal and send in one step: the client reads the messages in the order of their counters. */
    private final Object controlSends = new Object();

    private MoonlightStream(LaunchSession launch, StreamParameters parameters, InetAddress client, VideoSender video,
                            AudioStream audio, ControlEndpoint control, ScheduledExecutorService timer,
                            Consumer<MoonlightStream> onEnded, System.Logger log) {
        this.launch = launch;
        this.parameters = parameters;
        this.client = client;
        this.video = video;
        this.audio = audio;
        this.control = control;
        this.timer = timer;
        this.onEnded = onEnded;
        this.log = log;
        this.heal = new HealGate(new HealGate.Session() {
            @Override
            public void heal(long firstFrameNumber, long lastFrameNumber) {
                StreamSession current = pipeline;
                if (current != null) {
                    current.heal(firstFrameNumber, lastFrameNumber);
                }
            }

            @Override
            public void requestKeyframe() {
                StreamSession current = pipeline;
                if (current != null) {
                    current.requestKeyframe();
                }
            }
        }, video::sessionFrameNumber);
        this.budget = new BitrateBudget(parameters.encoderBitrateKbps(0), parameters.encoderBitrateKbps(FEC_PERCENT));
        this.controlSession = new ControlSession(parameters.controlEncrypted()
                ? ControlCipher.host(launch.parameters().rikey(),
                (parameters.encryption() & StreamParameters.ENC_CONTROL_V2) != 0) : null, this, log);
    }

    /**
     * Starts the streams on the ports SETUP bound, which this stream owns from here (and closes on failure).
     *
     * @throws StreamRefused 503 when a service the stream needs is missing
     */
    static MoonlightStream start(LaunchSession launch, StreamParameters parameters, InetAddress client,
                                 LaunchPorts.Bound ports, StreamServices services, ScheduledExecutorService timer,
                                 Consumer<MoonlightStream> onEnded, System.Logger log) throws StreamRefused {
        VideoSender video = null;
        AudioStream audio = null;
        MoonlightStream stream = null;
        try {
            StreamServices.Pipelines pipelines = services.pipelines().get().orElseThrow(() ->
                    new StreamRefused(503, "no session manager is running (is the io.lumen.session bundle active?)"));
            VideoFecScheme scheme = VideoFecScheme.byId(parameters.fecScheme()).orElseThrow(() ->
                    new StreamRefused(451, "unknown video FEC scheme " + parameters.fecScheme()));
            services.fecCodecs().best(scheme.id()).orElseThrow(() -> new StreamRefused(503, "the " + scheme.id()
                    + " FEC codec is missing (is io.lumen.fec.leopard active?)"));
            services.fecCodecs().best(FecSchemes.RS8_MOONLIGHT_AUDIO).orElseThrow(() ->
                    new StreamRefused(503, "the rs8-moonlight-audio FEC codec is missing"));
            video = new VideoSender(ports.video(), videoParameters(launch, parameters, client).withScheme(scheme),
                    services.fecCodecs().source(scheme.id()));
            AudioStreamParams audioParameters = audioParameters(launch, parameters, client);
            audio = AudioStream.start(audioParameters, ports.audio(),
                    services.fecCodecs().source(FecSchemes.RS8_MOONLIGHT_AUDIO));
            stream = new MoonlightStream(launch, parameters, client, video, audio, ports.control(), timer, onEnded,
                    log);
            stream.begin(pipelines, services, audioParameters);
            return stream;
        } catch (StreamRefused | IOException | RuntimeException e) {
            if (stream != null) {
                stream.stopPipeline(); // begin() may have started it before it failed
            }
            UdpSockets.closeQuietly(ports.video());
            UdpSockets.closeQuietly(ports.audio());
            if (video != null) {
                video.close();
            }
            if (audio != null) {
                audio.close();
            }
            ports.control().close();
            if (e instanceof StreamRefused refused) {
                throw refused;
            }
            throw new StreamRefused(503, "the stream could not start: " + e);
        }
    }

    private static VideoStreamParams videoParameters(LaunchSession launch, StreamParameters p, InetAddress client) {
        return new VideoStreamParams(p.packetSize(), FEC_PERCENT, p.minRequiredFecPackets(),
                p.videoEncrypted() ? launch.parameters().rikey() : null, p.codec(), launch.tokens().pingPayload(),
                (p.mlFeatureFlags() & StreamParameters.ML_FF_SESSION_ID_V1) != 0, client,
                p.encoderBitrateKbps(FEC_PERCENT), 0, VideoFecScheme.RS8_MOONLIGHT);
    }

    private static AudioStreamParams audioParameters(LaunchSession launch, StreamParameters p, InetAddress client) {
        boolean sessionIds = (p.mlFeatureFlags() & StreamParameters.ML_FF_SESSION_ID_V1) != 0;
        return new AudioStreamParams(p.audioChannels(), p.audioChannelMask(), p.highQualityAudio(),
                p.audioPacketDurationMs(),
                p.audioEncrypted() ? new AudioEncryption(launch.parameters().rikey(), launch.parameters().rikeyId()) : null,
                launch.tokens().pingPayload().getBytes(StandardCharsets.US_ASCII), client, !sessionIds);
    }

    private void begin(StreamServices.Pipelines pipelines, StreamServices services, AudioStreamParams audioParameters) {
        control.attach(this);
        video.healingListener(heal::sent);
        StreamRequest request = new StreamRequest("moonlight \"" + launch.clientName() + "\" " + client.getHostAddress(),
                parameters.mode(), parameters.codec(), parameters.encoderBitrateKbps(FEC_PERCENT), parameters.slices(),
                parameters.tenBit(), launch.captureOptions(), new AudioRequest(audioParameters.encoderConfig(),
                launch.parameters().localAudio(), Map.of(AudioCaptureRequest.CLIENT, launch.clientName())))
                .withIntraRefresh(parameters.intraRefresh()).withMaxReferenceFrames(parameters.maxReferenceFrames());
        pipeline = pipelines.start(request, this, audio, this);
        input = new SessionInput(pipeline.id(), pipeline::inject, log);
        video.client().orTimeout(ARRIVAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((address, failure) -> {
            if (failure != null) {
                endLater("the client sent no video ping within " + ARRIVAL_TIMEOUT.toSeconds() + " s", false);
            } else {
                log.log(System.Logger.Level.INFO, "stream " + pipeline.id() + ": video goes to " + address);
                pipeline.requestKeyframe(); // the first picture the client sees must be one it can decode
            }
        });
        fecTicks = timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        timer.schedule(() -> {
            if (!controlConnected) {
                end("the client did not connect the control stream within " + ARRIVAL_TIMEOUT.toSeconds() + " s",
                        false);
            }
        }, ARRIVAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        log.log(System.Logger.Level.INFO, "stream " + pipeline.id() + " started for \"" + launch.clientName() + "\" ("
                + client.getHostAddress() + "): " + describe());
    }

    private String describe() {
        return parameters.mode() + " " + parameters.codec() + (parameters.tenBit() ? " 10-bit" : "") + ", "
                + parameters.encoderBitrateKbps(FEC_PERCENT) + " kbps, packets of " + parameters.packetSize()
                + " bytes, FEC " + parameters.fecScheme() + " " + FEC_PERCENT + "%, " + parameters.audioChannels()
                + "-channel audio, encrypted: " + parameters.encryptedStreams();
    }

    LaunchSession launch() {
        return launch;
    }

    String id() {
        return pipeline == null ? "?" : pipeline.id();
    }

    @Override
    public void accept(AccessUnit unit) {
        video.accept(unit);
    }

    @Override
    public long lastSentNanos() {
        return video.lastSentNanos();
    }

    @Override
    public Map<String, Object> stats() {
        return StreamReport.of(this.launch, parameters, client, started, video.streamStats(), audio.streamStats(),
                controlSession.stats(), control, input == null ? null : input.stats(), video.fecPercent(),
                new StreamReport.Healing(video.linkLoss(), loss.rate(), heal.counts(), budget.encoderKbps(),
                        budget.wireKbps()));
    }

    // The control stream's events arrive on the ENet thread: nothing here may block it.

    @Override
    public void connected(EnetPeer peer) {
        controlConnected = true;
        // The pictures are SDR whatever the bit depth (no capture delivers HDR yet): the client keeps its display so.
        sendControl(ControlMessage.hdrMode(false));
        log.log(System.Logger.Level.INFO, "stream " + id() + ": control stream connected from " + peer.address());
    }

    @Override
    public void received(byte[] packet) {
        controlSession.received(packet, System.nanoTime());
    }

    /** Rumble, LEDs and motion-sensor requests of the session's input backend, from whatever thread it reads on. */
    @Override
    public void send(PadFeedback feedback) {
        if (controlConnected && !ended.get()) {
            sendControl(PadFeedbackMessages.of(feedback));
        }
    }

    private void sendControl(ControlMessage message) {
        synchronized (controlSends) {
            control.send(controlSession.seal(message));
        }
    }

    @Override
    public void disconnected(String why) {
        endLater(why, false);
    }

    @Override
    public void keyframeRequested(String why, boolean afterLoss) {
        if (afterLoss) {
            heal.keyframeRequested();
        } else {
            StreamSession current = pipeline;
            if (current != null) {
                current.requestKeyframe();
            }
        }
    }

    @Override
    public void framesLost(long firstFrame, long lastFrame) {
        heal.framesLost(firstFrame, lastFrame);
    }

    @Override
    public void frameFecStatus(FrameFecStatus status) {
        long now = System.nanoTime();
        loss.sent(video.dataPacketsSent(), video.fecBlocksSent(), now);
        loss.report(status, now);
        applyLinkLoss();
        applyFec(fec.report(status, now), "the client " + (status.unrecoverable() ? "lost" : "repaired")
                + " frame " + status.frameIndex() + " (" + status.shardsLost() + " of "
                + (status.totalData() + status.totalParity()) + " shards missing)");
    }

    /** Each second: the FEC percentage eases off after quiet, the loss estimate fades, the encoder's rate follows. */
    private void tick() {
        long now = System.nanoTime();
        applyFec(fec.tick(now), "no loss for a while");
        VideoStreamStats sent = video.streamStats();
        loss.sent(sent.dataPackets(), sent.fecBlocks(), now);
        applyLinkLoss();
        int kbps = budget.update(sent.bytesSent(), sent.videoBytes(), now);
        StreamSession current = pipeline;
        if (kbps > 0 && current != null && !ended.get()) {
            log.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "stream %s: encoder rate %d kbps, so"
                    + " video with parity and headers (%.2f times the pictures) stays within %d kbps", id(), kbps,
                    budget.overhead(), budget.wireKbps()));
            current.setBitrate(kbps);
        }
    }

    private void applyLinkLoss() {
        LinkLoss design = loss.design();
        LinkLoss was = video.linkLoss();
        if (!design.equals(was) && !ended.get()) {
            video.linkLoss(design);
            log.log(System.Logger.Level.INFO, "stream " + id() + ": parity now sized for " + design + " loss (was "
                    + was + "; the client's reports show " + String.format(Locale.ROOT, "%.2f%%)", loss.rate() * 100));
        }
    }

    private void applyFec(int percent, String why) {
        int was = video.fecPercent();
        if (percent != was && !ended.get()) {
            video.fecPercent(percent);
            log.log(System.Logger.Level.INFO, "stream " + id() + ": FEC " + (percent > was ? "raised" : "lowered")
                    + " from " + was + "% to " + percent + "%: " + why);
        }
    }

    @Override
    public void input(byte[] packet, long arrivalNanos) {
        SessionInput current = input;
        if (current != null) {
            current.receive(packet, 0, packet.length, arrivalNanos);
        }
    }

    /** Ends the stream from a thread that must not wait for it (ENet's, a future's). */
    private void endLater(String reason, boolean graceful) {
        if (!ended.get()) {
            timer.execute(() -> end(reason, graceful));
        }
    }

    /**
     * Ends the stream once; {@code graceful} tells the client first (a termination message, so it reports a clean
     * end rather than a lost connection). Blocks for at most half a second.
     */
    void end(String reason, boolean graceful) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        // every step runs whatever the one before did: a failure must not keep a port, a thread or a pipeline
        ScheduledFuture<?> ticks = fecTicks;
        if (ticks != null) {
            ticks.cancel(false);
        }
        if (graceful && controlConnected) {
            endStep("saying goodbye on the control stream", () -> {
                sendControl(ControlMessage.termination(ControlMessage.TERMINATED_GRACEFULLY));
                control.closeGracefully(GOODBYE);
            });
        }
        endStep("closing the control stream", control::close); // after a goodbye, already done: close is idempotent
        SessionInput in = input;
        if (in != null) {
            endStep("closing the input", in::close);
        }
        endStep("stopping the pipeline", this::stopPipeline); // lets go of the keys and buttons the client held
        endStep("closing the video stream", video::close);
        endStep("closing the audio stream", audio::close);
        log.log(System.Logger.Level.INFO, "stream " + id() + " for \"" + launch.clientName() + "\" ended: " + reason
                + " (" + video.streamStats().framesSent() + " frames sent, " + controlSession.stats().keyframeRequests()
                + " keyframe requests, " + Duration.between(started, Instant.now()).toSeconds() + " s)");
        onEnded.accept(this);
    }

    private void stopPipeline() {
        StreamSession running = pipeline;
        if (running != null) {
            running.stop();
        }
    }

    private void endStep(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | LinkageError e) {
            log.log(System.Logger.Level.WARNING, "stream " + id() + ": " + what + " failed, ending it anyway: " + e);
        }
    }
}
