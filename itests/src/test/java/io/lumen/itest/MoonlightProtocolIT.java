package io.lumen.itest;

import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.FreeBasePort;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The Moonlight protocol bundle in Felix beside the session manager and the encoders: it answers /serverinfo with
 * the codecs of the encoder bundles present, moves to the ports ConfigAdmin gives it, and comes back after its
 * bundle is restarted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MoonlightProtocolIT {

    private static final String PID = "io.lumen.protocol.moonlight";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return LumenContainer.options();
    }

    @Test
    public void answersServerInfoOnTheConfiguredPortAndAfterARestart() throws Exception {
        int base = FreeBasePort.find();
        Configuration configuration = configurationAdmin.getConfiguration(PID, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("port", base);
        properties.put("mdns", false);
        properties.put("hostname", "pax-host");
        configuration.update(properties);
        try {
            String info = awaitServerInfo(base);
            assertTrue(info, info.contains("<hostname>pax-host</hostname>"));
            assertTrue(info, info.contains("<appversion>7.1.431.-1</appversion>"));
            assertTrue(info, info.contains("<HttpsPort>" + (base - 5) + "</HttpsPort>"));
            int expected = 0x1;
            for (var ref : context.getServiceReferences(io.lumen.api.encode.EncoderBackend.class, null)) {
                io.lumen.api.encode.EncoderBackend encoder = context.getService(ref);
                if (encoder.probe().available() && encoder.codecs().contains(io.lumen.api.media.Codec.HEVC)) {
                    expected |= 0x100 | (encoder.tenBitCodecs().contains(io.lumen.api.media.Codec.HEVC) ? 0x200 : 0);
                }
            }
            assertTrue("H.264 always, HEVC (and Main10) as the encoders offer them: " + info,
                    info.contains("<ServerCodecModeSupport>" + expected + "<"));
            assertTrue(info, info.contains("<PairStatus>0</PairStatus>"));

            Bundle protocol = Arrays.stream(context.getBundles())
                    .filter(b -> b.getSymbolicName().equals("io.lumen.protocol.moonlight")).findFirst().orElseThrow();
            protocol.stop();
            assertEquals("its ports close with it", -1, status(base));
            protocol.start();
            String again = awaitServerInfo(base);
            assertTrue("the same identity after a restart", again.contains(field(info, "uniqueid")));
        } finally {
            configuration.delete();
        }
    }

    private static String field(String xml, String name) {
        int start = xml.indexOf("<" + name + ">") + name.length() + 2;
        return xml.substring(start, xml.indexOf("</" + name + ">", start));
    }

    private static String awaitServerInfo(int base) {
        HttpResponse<String> response = Poll.every(Duration.ofMillis(50)).retries("/serverinfo on port " + base,
                Duration.ofSeconds(30), () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + base + "/serverinfo?uniqueid=0123456789ABCDEF"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static int status(int base) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base
                    + "/serverinfo")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException refused) {
            return -1;
        }
    }
}
