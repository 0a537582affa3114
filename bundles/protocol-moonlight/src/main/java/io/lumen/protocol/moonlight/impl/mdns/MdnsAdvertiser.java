package io.lumen.protocol.moonlight.impl.mdns;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Advertises the host as {@code _nvstream._tcp} on every LAN interface (PROTOCOL-DETAIL.md 8): instance name from
 * the host name, port = the HTTP port, no TXT records; clients then ask /serverinfo. Registration probes the
 * network for a few seconds, so it runs in the background and logs when it is done.
 */
public final class MdnsAdvertiser implements AutoCloseable {

    public static final String SERVICE_TYPE = "_nvstream._tcp.local.";

    private final List<JmDNS> responders = new ArrayList<>();
    private final Thread registering;
    private final System.Logger log;
    private volatile boolean closed;

    private MdnsAdvertiser(System.Logger log, String name, int port, List<InetAddress> addresses) {
        this.log = log;
        this.registering = Thread.ofPlatform().name("lumen-mdns").daemon().unstarted(() -> register(name, port,
                addresses));
    }

    /** Starts advertising on the LAN interfaces (IPv4, up, multicast-capable, not loopback). */
    public static MdnsAdvertiser start(String hostname, int port, System.Logger log) throws SocketException {
        return start(hostname, port, lanAddresses(), log);
    }

    /** Starts advertising on {@code addresses} only. */
    public static MdnsAdvertiser start(String hostname, int port, List<InetAddress> addresses, System.Logger log) {
        MdnsAdvertiser advertiser = new MdnsAdvertiser(log, instanceName(hostname), port, addresses);
        if (addresses.isEmpty()) {
            log.log(System.Logger.Level.WARNING, "mdns: no LAN interface to advertise on; clients must add the host"
                    + " by address");
        } else {
            advertiser.registering.start();
        }
        return advertiser;
    }

    private void register(String name, int port, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            if (closed) {
                return;
            }
            try {
                JmDNS responder = JmDNS.create(address, name);
                synchronized (responders) {
                    if (closed) {
                        responder.close();
                        return;
                    }
                    responders.add(responder);
                }
                responder.registerService(ServiceInfo.create(SERVICE_TYPE, name, port, ""));
                log.log(System.Logger.Level.INFO, "mdns: advertising \"" + name + "\" " + SERVICE_TYPE + " port "
                        + port + " on " + address.getHostAddress());
            } catch (IOException | RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "mdns: cannot advertise on " + address.getHostAddress() + ": "
                        + e.getMessage());
            }
        }
    }

    /** The instance name clients list: the host name, letters, digits and '-' only, at most 63 characters. */
    public static String instanceName(String hostname) {
        String cleaned = hostname.strip().replace(' ', '-').replaceAll("[^A-Za-z0-9-]", "");
        if (cleaned.isEmpty()) {
            cleaned = "lumen";
        }
        return cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
    }

    static List<InetAddress> lanAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (!nic.isUp() || nic.isLoopback() || !nic.supportsMulticast()
                    || nic.getName().toLowerCase(Locale.ROOT).startsWith("docker")) {
                continue;
            }
            nic.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(addresses::add);
        }
        return addresses;
    }

    @Override
    public void close() {
        closed = true;
        List<JmDNS> open;
        synchronized (responders) {
            open = List.copyOf(responders);
            responders.clear();
        }
        for (JmDNS responder : open) {
            try {
                responder.unregisterAllServices(); // sends the goodbye packets
                responder.close();
            } catch (IOException | RuntimeException e) {
                log.log(System.Logger.Level.DEBUG, "mdns: close: " + e);
            }
        }
        if (!open.isEmpty()) {
            log.log(System.Logger.Level.INFO, "mdns: advertisement withdrawn");
        }
    }
}
