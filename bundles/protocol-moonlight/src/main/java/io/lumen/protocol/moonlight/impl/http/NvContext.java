package io.lumen.protocol.moonlight.impl.http;

import io.lumen.protocol.moonlight.impl.apps.AppCatalog;
import io.lumen.protocol.moonlight.impl.launch.AppSessions;
import io.lumen.protocol.moonlight.impl.pairing.PairingService;
import io.lumen.protocol.moonlight.impl.store.PairedClientStore;
import io.lumen.protocol.moonlight.impl.stream.EncryptionGate;

import java.time.Clock;
import java.util.function.Supplier;

/** What the GameStream endpoints work with; one per host, shared by the HTTP and HTTPS listeners. */
public record NvContext(Supplier<HostInfo> host, PairedClientStore clients, PairingService pairing,
                        Supplier<AppCatalog> apps, AppSessions sessions, EncryptionGate encryption, Clock clock,
                        System.Logger log) {
}
