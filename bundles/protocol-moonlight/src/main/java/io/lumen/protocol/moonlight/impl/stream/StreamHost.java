package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.launch.LaunchSession;

import java.net.InetAddress;

/** What the RTSP handshake asks of the streaming side, in the order a client's requests arrive. */
public interface StreamHost {

    StreamCapabilities capabilities();

    /**
     * Binds one of the launch's UDP ports ("audio", "video", "control") on first use and returns the port SETUP
     * names to the client: the bound one (a base port of 0 gives free ports), or the advertised one when clients
     * come through something that maps ports.
     */
    int setup(LaunchSession launch, String stream) throws StreamRefused;

    /** Starts the launch's streams with what the client announced; they send once the client pings. */
    void announce(LaunchSession launch, StreamParameters parameters, InetAddress client) throws StreamRefused;
}
