package io.lumen.itest;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamSession;
import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.FreeBasePort;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;

import static org.junit.Assert.assertEquals;

/**
 * The Moonlight host inside the container, set up and used as an operator and a client do: moved to free ports
 * through ConfigAdmin, paired by typing the PIN through {@code lumen:pair}, its apps looked up by title.
 */
final class MoonlightHostFixture {

    static final String PID = "io.lumen.protocol.moonlight";

    private final BundleContext context;
    private final Configuration configuration;

    private MoonlightHostFixture(BundleContext context, Configuration configuration) {
        this.context = context;
        this.configuration = configuration;
    }

    /** The host moved to a free base port without mDNS, with {@code settings} on top (e.g. its apps file). */
    static MoonlightHostFixture onFreePorts(BundleContext context, ConfigurationAdmin configurationAdmin,
                                           Map<String, Object> settings) throws Exception {
        Configuration configuration = configurationAdmin.getConfiguration(PID, "?");
        Hashtable<String, Object> properties = new Hashtable<>(settings);
        properties.put("port", FreeBasePort.find());
        properties.put("mdns", false);
        configuration.update(properties);
        return new MoonlightHostFixture(context, configuration);
    }

    /**
     * Back to the host's defaults, once the host runs on them: SCR re-registers the component's service. The next
     * test's configuration must not arrive while the deletion is still being applied: SCR was seen to end up with
     * the component deactivated and neither configuration applied (1 run in 8 of InputIT).
     */
    void delete() throws Exception {
        long before = componentServiceId();
        configuration.delete();
        try {
            Poll.every(Duration.ofMillis(20)).awaits("the host to come back on its defaults", Duration.ofSeconds(30),
                    this::componentServiceId, id -> id != before && id >= 0);
        } catch (AssertionError e) {
            printThreads();
            throw e;
        }
    }

    /** The service id of the Moonlight host component, -1 while it is not registered. */
    private long componentServiceId() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                    "(objectClass=io.lumen.protocol.moonlight.impl.MoonlightComponent)");
            return refs == null ? -1 : (Long) refs[0].getProperty(org.osgi.framework.Constants.SERVICE_ID);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    MoonlightTestClient pairedClient(String name) throws Exception {
        int base = (Integer) configuration.getProperties().get("port");
        MoonlightTestClient client = new MoonlightTestClient("127.0.0.1", base, base - 5, ClientIdentity.generate(),
                name);
        awaitHost(client);
        assertEquals(MoonlightTestClient.PairOutcome.PAIRED, client.pair("4321", () -> typePin("4321")));
        return client;
    }

    static int appId(MoonlightTestClient client, String title) throws Exception {
        return client.apps().stream().filter(a -> a.endsWith("=" + title)).map(a -> a.split("=")[0])
                .mapToInt(Integer::parseInt).findFirst().orElseThrow(() -> new AssertionError("no app " + title));
    }

    FecCodec fec(String id) throws Exception {
        ServiceReference<FecCodec> ref = context.getServiceReferences(FecCodec.class, "(fec.id=" + id + ")")
                .iterator().next();
        return context.getService(ref);
    }

    /** The live session streaming to the named client, or null. */
    static StreamSession session(SessionManager sessions, String clientName) {
        return sessions.sessions().stream().filter(s -> s.request().client().contains("\"" + clientName + "\""))
                .findFirst().orElse(null);
    }

    private static void awaitHost(MoonlightTestClient client) {
        try {
            Poll.every(Duration.ofMillis(50)).retries("the host to come up", Duration.ofSeconds(30),
                    () -> client.http("/serverinfo", ""));
        } catch (AssertionError e) {
            printThreads(); // what held the host up is what whoever reads this log needs
            throw e;
        }
    }

    /** Types the PIN the way an operator does, through the host's lumen:pair command, once the client waits. */
    private void typePin(String pin) {
        LumenShell shell = new LumenShell(context);
        // lumen:pair fails (its invocation throws) until a client waits
        Poll.every(Duration.ofMillis(20)).retries("lumen:pair to find a waiting client", Duration.ofSeconds(20),
                () -> shell.invoke("pair", pin));
    }

    private static void printThreads() {
        StringBuilder dump = new StringBuilder("threads when the host did not come up:\n");
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement frame : frames) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        System.out.println(dump);
    }
}
