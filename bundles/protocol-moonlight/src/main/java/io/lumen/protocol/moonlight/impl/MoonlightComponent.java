package io.lumen.protocol.moonlight.impl;

import io.lumen.api.capture.AppHost;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.fec.FecCodec;
import io.lumen.api.media.Codec;
import io.lumen.api.session.SessionManager;
import io.lumen.protocol.moonlight.impl.fec.FecCodecs;
import io.lumen.protocol.moonlight.impl.stream.EncryptionPolicy;
import io.lumen.protocol.moonlight.impl.stream.StreamServices;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Moonlight host as an OSGi component: configures and runs a {@link MoonlightHost}, reports the codecs of
 * the encoder backends registered at each moment. Its shell commands are {@link MoonlightCommands}.
 */
@Component(service = MoonlightComponent.class, configurationPid = MoonlightComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = MoonlightConfig.class)
public final class MoonlightComponent {

    public static final String PID = "io.lumen.protocol.moonlight";

    private static final System.Logger LOG = System.getLogger("lumen.moonlight");

    private final List<EncoderBackend> encoders = new CopyOnWriteArrayList<>();
    private final List<AppHost> appHosts = new CopyOnWriteArrayList<>();
    private final AtomicReference<SessionManager> sessionManager = new AtomicReference<>();
    private final FecCodecs fecCodecs = new FecCodecs();
    private volatile MoonlightHost host;

    // Dynamic and optional, so neither updating the session manager nor the FEC bundle restarts the host: a stream
    // takes what is there when it starts.

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setSessionManager(SessionManager manager) {
        sessionManager.set(manager);
    }

    void unsetSessionManager(SessionManager manager) {
        sessionManager.compareAndSet(manager, null);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFecCodec(FecCodec codec, Map<String, Object> properties) {
        fecCodecs.add(codec, properties);
    }

    void removeFecCodec(FecCodec codec) {
        fecCodecs.remove(codec);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEncoder(EncoderBackend encoder) {
        encoders.add(encoder);
    }

    void removeEncoder(EncoderBackend encoder) {
        encoders.remove(encoder);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAppHost(AppHost host) {
        appHosts.add(host);
    }

    void removeAppHost(AppHost host) {
        appHosts.remove(host);
    }

    private Optional<AppHost> appHost(String captureBackend) {
        return appHosts.stream().filter(h -> h.id().equals(captureBackend)).findFirst();
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) throws Exception {
        try {
            host = MoonlightHost.start(settings(context, properties), this::codecModes, new StreamServices(
                    () -> Optional.ofNullable(sessionManager.get()).map(m -> m::start), fecCodecs,
                    () -> Optional.ofNullable(sessionManager.get()).map(SessionManager::inputKinds).orElse(Set.of())),
                    this::appHost, LOG);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "moonlight host not started: " + e.getMessage());
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        if (host != null) {
            host.close();
            host = null;
        }
    }

    /**
     * The bits of the codecs (and 10-bit profiles) some available encoder produces; H.264 at least, which every
     * client requires.
     */
    int codecModes() {
        int bits = 0;
        for (EncoderBackend encoder : encoders) {
            try {
                if (!encoder.probe().available()) {
                    continue;
                }
                for (Codec codec : encoder.codecs()) {
                    bits |= switch (codec) {
                        case H264 -> CodecModes.H264;
                        case HEVC -> CodecModes.HEVC;
                        case AV1 -> CodecModes.AV1_MAIN8;
                    };
                }
                for (Codec codec : encoder.tenBitCodecs()) {
                    bits |= switch (codec) {
                        case H264 -> 0; // Moonlight has no 10-bit H.264 mode
                        case HEVC -> CodecModes.HEVC_MAIN10;
                        case AV1 -> CodecModes.AV1_MAIN10;
                    };
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "encoder " + encoder + " failed its probe: " + e);
            }
        }
        return bits == 0 ? CodecModes.H264 : bits;
    }

    static HostSettings settings(BundleContext context, Map<String, Object> properties) throws IOException {
        int base = Integer.parseInt(setting(context, properties, "port", "47989"));
        int advertised = Integer.parseInt(setting(context, properties, "port.advertised", "0"));
        String bind = setting(context, properties, "bind.address", "");
        String web = setting(context, properties, "web.address", "127.0.0.1");
        String name = setting(context, properties, "hostname", "");
        Path home = Path.of(Optional.ofNullable(context.getProperty("lumen.home")).orElse(".")).toAbsolutePath();
        Path data = Path.of(Optional.ofNullable(context.getProperty("lumen.data"))
                .orElse(home.resolve("data").toString())).toAbsolutePath();
        String appsText = setting(context, properties, "apps.file", "");
        Path apps = appsText.isBlank() ? home.resolve("conf").resolve("apps.conf") : Path.of(appsText);
        return new HostSettings(name.isBlank() ? machineName() : name, data, apps,
                apps.toAbsolutePath().getParent().resolve("apps"),
                bind.isBlank() ? null : InetAddress.getByName(bind), HostPorts.fromBase(base),
                AdvertisedPorts.at(advertised), web.isBlank() ? null : InetAddress.getByName(web),
                Boolean.parseBoolean(setting(context, properties, "mdns", "true")), HostSettings.DISPLAY_MODES,
                HostSettings.fecSchemes(setting(context, properties, "fec.schemes", "rs8-moonlight,leopard16")),
                EncryptionPolicy.parse(setting(context, properties, "encryption", "required")));
    }

    private static String setting(BundleContext context, Map<String, Object> properties, String key, String fallback) {
        Object configured = properties.get(key);
        if (configured != null && !String.valueOf(configured).isBlank()) {
            return String.valueOf(configured);
        }
        String framework = context.getProperty("lumen." + key);
        return framework != null ? framework : fallback;
    }

    private static String machineName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (IOException e) {
            return "lumen";
        }
    }

    /** The running host, for {@link MoonlightCommands}; null while the component is not active. */
    MoonlightHost host() {
        return host;
    }
}
