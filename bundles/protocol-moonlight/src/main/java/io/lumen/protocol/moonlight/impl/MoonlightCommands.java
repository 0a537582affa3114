package io.lumen.protocol.moonlight.impl;

import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.protocol.moonlight.impl.query.Printable;
import io.lumen.protocol.moonlight.impl.store.PairedClient;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The Moonlight host's shell commands: {@code lumen:pair}, {@code lumen:clients}, {@code lumen:unpair} and
 * {@code lumen:moonlight}, on the host that {@link MoonlightComponent} runs.
 */
@Component(service = MoonlightCommands.class, property = {"osgi.command.scope=lumen", "osgi.command.function=pair",
        "osgi.command.function=clients", "osgi.command.function=unpair", "osgi.command.function=moonlight"})
public final class MoonlightCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    @Reference
    private MoonlightComponent component;

    private MoonlightHost host() {
        MoonlightHost host = component.host();
        if (host == null) {
            throw new IllegalStateException("the Moonlight host is not running");
        }
        return host;
    }

    @Descriptor("enter the PIN the one pairing Moonlight client shows")
    public String pair(@Descriptor("the 4-digit PIN") String pin) {
        return PairCommand.run(host(), pin, null);
    }

    @Descriptor("enter the PIN one of several pairing Moonlight clients shows")
    public String pair(@Descriptor("the 4-digit PIN") String pin,
                       @Descriptor("the client's name or address, as lumen:moonlight lists them") String client) {
        return PairCommand.run(host(), pin, client);
    }

    @Descriptor("list paired clients: name, certificate fingerprint, when paired, last seen")
    public String clients() {
        MoonlightHost host = host();
        List<PairedClient> all = host.clients();
        if (all.isEmpty()) {
            return "no paired clients; pairing: " + PairCommand.waiting(host) + "\n";
        }
        StringBuilder out = new StringBuilder();
        for (PairedClient client : all) {
            out.append(String.format("%-24s %s  paired %s  last seen %s%n", Printable.of(client.name()),
                    client.fingerprint(), TIME.format(client.pairedAt()),
                    client.lastSeen() == null ? "never" : TIME.format(client.lastSeen())));
        }
        return out.toString();
    }

    @Descriptor("remove a paired client; it must pair again to connect")
    public String unpair(@Descriptor("client name or certificate fingerprint") String client) throws IOException {
        return host().unpair(client).map(c -> "unpaired \"" + Printable.of(c.name()) + "\" (" + c.fingerprint() + ")\n")
                .orElseThrow(() -> new IllegalArgumentException("no paired client is named or has the fingerprint \""
                        + Printable.of(client) + "\" (see lumen:clients)"));
    }

    @Descriptor("the Moonlight host: name, id, ports, pairing and what runs")
    public String moonlight() {
        MoonlightHost host = host();
        Optional<LaunchSession> running = host.running();
        return "host        " + host.hostname() + " (" + host.uniqueId() + ")\n"
                + "certificate " + host.certificateFingerprint() + "\n"
                + "listening   " + host.listening() + "\n"
                + "pin page    " + host.webLogin() + "\n"
                + "pairing     " + PairCommand.waiting(host) + "\n"
                + "clients     " + host.clients().size() + " paired\n"
                + "running     " + running.map(s -> "\"" + Printable.of(s.app().title()) + "\" for \""
                + Printable.of(s.clientName()) + "\" at "
                + s.parameters().mode()).orElse("nothing") + "\n"
                + "streaming   " + host.streams().currentSessionId().map(id -> "session " + id + " (lumen:session " + id
                + " shows it)").orElse("no client connected") + "\n"
                + "rtsp        " + host.rtspStats() + "\n"
                + "video fec   " + host.fecSchemes() + "\n"
                + "encryption  " + host.encryptionPolicy().setting() + "\n";
    }
}
