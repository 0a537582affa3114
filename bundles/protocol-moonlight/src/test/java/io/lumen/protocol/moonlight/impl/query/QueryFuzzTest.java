package io.lumen.protocol.moonlight.impl.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lumen.api.media.VideoMode;
import io.lumen.protocol.moonlight.impl.launch.LaunchParameters;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided, what nvhttp and the PIN page make of a request target or a posted form: the path and the
 * parameters as the handlers split them, every reading the endpoints use ({@link Query} and
 * {@link LaunchParameters#parse}), and nothing but an {@link IllegalArgumentException} (which the handlers answer
 * with a 400) may escape.
 */
class QueryFuzzTest {

    /** Every parameter name an endpoint reads. */
    private static final List<String> NAMES = List.of("uniqueid", "uuid", "devicename", "updateState", "phrase", "salt",
            "clientcert", "clientchallenge", "serverchallengeresp", "clientpairingsecret", "appid", "appuuid",
            "AssetType", "AssetIdx", "mode", "rikey", "rikeyid", "corever", "sops", "localAudioPlayMode",
            "surroundAudioInfo", "remoteControllersBitmap", "hdrMode", "message", "token", "pin", "name");

    @FuzzTest
    void requestTargetsAndForms(FuzzedDataProvider data) {
        boolean form = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        QueryStringDecoder decoder;
        String path;
        Query query;
        try {
            decoder = form ? new QueryStringDecoder(text, StandardCharsets.UTF_8, false) : new QueryStringDecoder(text);
            path = decoder.path();
            query = new Query(decoder.parameters());
        } catch (IllegalArgumentException undecodable) {
            return;
        }
        assertTrue(form ? path.isEmpty() : !path.contains("?"), path);
        for (String name : NAMES) {
            if (!query.has(name)) {
                assertEquals(null, query.first(name));
                assertEquals(7, query.integer(name, 7));
                continue;
            }
            // an absent name only throws "missing"; each refusal costs a stack trace, so only present ones are read
            read(() -> query.required(name));
            read(() -> query.integer(name));
            read(() -> query.integer(name, 7));
            read(() -> query.hex(name));
        }
        read(() -> LaunchParameters.parse(query, null));
        read(() -> LaunchParameters.parse(query, new VideoMode(1920, 1080, 60)));
    }

    private static void read(Runnable reading) {
        try {
            reading.run();
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage() != null && !refused.getMessage().isEmpty(), "a 400 names what is wrong");
        }
    }
}
