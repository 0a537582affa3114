package io.lumen.protocol.moonlight.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@value MoonlightComponent#PID}. Unset values fall back to framework properties of the same
 * name with a {@code lumen.} prefix ({@code lumen.port}, {@code lumen.mdns}, ...), then to these defaults.
 */
@ObjectClassDefinition(name = "lumen Moonlight host", description = "GameStream ports, PIN page, discovery, apps")
public @interface MoonlightConfig {

    @AttributeDefinition(description = "Base port: HTTP on it, HTTPS on port-5, the PIN page on port+1, RTSP on"
            + " port+21 (Moonlight's layout); 0 picks free ports (tests)")
    int port() default 47989;

    @AttributeDefinition(description = "Base port clients reach this host at, when something between maps ports (a"
            + " lossy relay such as bin/lumen-relay, a NAT port-forward): the ports named to clients in serverinfo,"
            + " the launch reply, RTSP SETUP and mDNS derive from it; 0: the host's own ports")
    int port_advertised() default 0;

    @AttributeDefinition(description = "Address the GameStream ports listen on; empty: every interface")
    String bind_address() default "";

    @AttributeDefinition(description = "Address of the PIN page; loopback keeps it to this machine; empty: no page")
    String web_address() default "127.0.0.1";

    @AttributeDefinition(description = "Advertise the host on the LAN (mDNS _nvstream._tcp)")
    boolean mdns() default true;

    @AttributeDefinition(description = "Name clients show; empty: the machine's host name")
    String hostname() default "";

    @AttributeDefinition(description = "The app list; empty: <lumen.home>/conf/apps.conf")
    String apps_file() default "";

    @AttributeDefinition(description = "Video FEC schemes streams may use: rs8-moonlight (every Moonlight client;"
            + " without it only clients of lumen's extension stream) and leopard16 (lumen's extension, chosen by"
            + " clients that ask for it)")
    String fec_schemes() default "rs8-moonlight,leopard16";

    @AttributeDefinition(description = "Stream encryption: required (video, audio and control from every client that"
            + " can encrypt; older clients as they can, never a downgrade), mandatory (also refuse clients that cannot:"
            + " plain RTSP, legacy control encryption), control (only the control stream required, for throughput)")
    String encryption() default "required";
}
