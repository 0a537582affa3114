package io.lumen.protocol.moonlight.impl.http;

import io.lumen.protocol.moonlight.impl.apps.App;
import io.lumen.protocol.moonlight.impl.apps.AppCatalog;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** {@code /applist} and {@code /appasset} (box art), for paired clients only. */
final class AppEndpoints {

    /** Shown for apps without their own image, so clients never show a broken tile. */
    private static final byte[] DEFAULT_BOX_ART = resource("default-box-art.png");

    private final NvContext context;

    AppEndpoints(NvContext context) {
        this.context = context;
    }

    void list(NvRequest request) {
        NvXml xml = new NvXml();
        for (App app : context.apps().get().apps()) {
            xml.begin("App").put("IsHdrSupported", 0).put("AppTitle", app.title()).put("ID", app.id()).end("App");
        }
        request.ok(xml);
    }

    /** The image of one app by id: only files the catalog names inside its image folder can be read. */
    void asset(NvRequest request) {
        AppCatalog catalog = context.apps().get();
        Optional<App> app = catalog.byId(request.query().integer("appid"));
        if (app.isEmpty()) {
            request.error(404, "no app with id " + request.query().first("appid"));
            return;
        }
        byte[] png;
        try {
            png = catalog.image(app.get()).orElse(DEFAULT_BOX_ART);
        } catch (IOException e) {
            context.log().log(System.Logger.Level.WARNING, "appasset: " + e.getMessage());
            png = DEFAULT_BOX_ART;
        }
        Replies.send(request.ctx(), HttpResponseStatus.OK, "image/png", png);
    }

    private static byte[] resource(String name) {
        try (InputStream in = AppEndpoints.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
