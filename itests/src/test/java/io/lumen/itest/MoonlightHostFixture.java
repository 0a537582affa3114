package io.lumen.itest;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamSession;
import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.FreeBasePort;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import java.lang.reflect.InvocationTargetException;
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
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (componentServiceId() == before || componentServiceId() < 0) {
            if (System.nanoTime() > deadline) {
                printThreads();
                throw new AssertionError("the host did not come back on its defaults");
            }
            Thread.sleep(20);
        }
    }

    /** The service id of the Moonlight host component, -1 while it is not registered. */
    private long componentServiceId() throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                "(objectClass=io.lumen.protocol.moonlight.impl.MoonlightComponent)");
        return refs == null ? -1 : (Long) refs[0].getProperty(org.osgi.framework.Constants.SERVICE_ID);
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

    private static void awaitHost(MoonlightTestClient client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                client.http("/serverinfo", "");
                return;
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > deadline) {
                    printThreads(); // what held the host up is what whoever reads this log needs
                    throw new AssertionError("the host did not come up", notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Types the PIN the way an operator does, through the host's lumen:pair command, once the client waits. */
    private void typePin(String pin) {
        try {
            LumenShell shell = new LumenShell(context);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                try {
                    shell.invoke("pair", pin);
                    return;
                } catch (InvocationTargetException noClientYet) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("lumen:pair never found a waiting client", noClientYet.getCause());
                    }
                    Thread.sleep(20);
                }
            }
        } catch (Exception e) {
            throw new AssertionError("typing the PIN failed", e);
        }
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
