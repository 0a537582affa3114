package io.lumen.protocol.moonlight.impl.http;

import io.lumen.protocol.moonlight.impl.apps.App;
import io.lumen.protocol.moonlight.impl.launch.LaunchParameters;
import io.lumen.protocol.moonlight.impl.launch.LaunchRefused;
import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.protocol.moonlight.impl.stream.EncryptionGate;
import io.lumen.protocol.moonlight.impl.query.Printable;

import java.util.Optional;

/**
 * {@code /launch}, {@code /resume} and {@code /cancel}, for paired clients only. The reply names the RTSP
 * address the client goes on with ({@code rtspenc://} when it speaks encrypted RTSP, as every current client does).
 */
final class LaunchEndpoints {

    private final NvContext context;

    LaunchEndpoints(NvContext context) {
        this.context = context;
    }

    void launch(NvRequest request) {
        int appId = request.query().integer("appid");
        Optional<App> app = context.apps().get().byId(appId);
        if (app.isEmpty()) {
            request.error(404, "no app with id " + appId);
            return;
        }
        LaunchParameters parameters = LaunchParameters.parse(request.query(), null);
        if (refusedForEncryption(request, parameters)) {
            return;
        }
        try {
            LaunchSession session = context.sessions().launch(request.client(), request.remoteAddress(), app.get(),
                    parameters);
            request.ok(new NvXml().put("sessionUrl0", rtspUrl(request, parameters))
                    .put("gamesession", session.id()));
        } catch (LaunchRefused refused) {
            request.error(refused.status(), refused.getMessage());
        }
    }

    void resume(NvRequest request) {
        Optional<LaunchSession> running = context.sessions().current();
        LaunchParameters parameters = LaunchParameters.parse(request.query(),
                running.map(s -> s.parameters().mode()).orElse(null));
        if (refusedForEncryption(request, parameters)) {
            return;
        }
        try {
            context.sessions().resume(request.client(), request.remoteAddress(), parameters);
            request.ok(new NvXml().put("sessionUrl0", rtspUrl(request, parameters)).put("resume", 1));
        } catch (LaunchRefused refused) {
            request.error(refused.status(), refused.getMessage());
        }
    }

    /**
     * Answered once the app is gone, as a client expects (it may launch again right after), but not on the event
     * loop: an app's stop takes up to its grace period, and every other client of this listener would wait too.
     */
    void cancel(NvRequest request) {
        String who = "\"" + Printable.of(request.client().name()) + "\"";
        context.sessions().quitInBackground(who).whenComplete((ended, failure) -> {
            if (failure == null) {
                request.ok(new NvXml().put("cancel", 1));
            } else {
                context.log().log(System.Logger.Level.WARNING, "cancel failed: " + failure);
                request.error(500, "the app could not be quit: " + failure.getMessage());
            }
        });
    }

    /** Plain RTSP where the host or the client's own record requires encryption: answered 403 here. */
    private boolean refusedForEncryption(NvRequest request, LaunchParameters parameters) {
        Optional<String> refusal = context.encryption().admitLaunch(request.client().fingerprint(),
                request.client().name(), parameters.coreVersion());
        refusal.ifPresent(why -> request.error(EncryptionGate.REFUSED, why));
        return refusal.isPresent();
    }

    private String rtspUrl(NvRequest request, LaunchParameters parameters) {
        String host = request.localIp();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return (parameters.coreVersion() >= 1 ? "rtspenc://" : "rtsp://") + host + ":"
                + context.host().get().rtspPort();
    }
}
