package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.launch.LaunchSession;

import java.net.InetAddress;

/** What the RTSP handshake asks of the streaming side, in the order a client's requests arrive. */
public interface StreamHost {

    StreamCapabilities capabilities();

    /**
     * The launch's UDP ports, bound on first use so SETUP can name them (a base port of 0 gives free ports): one
     * of "audio", "video", "control".
     */
    int setup(LaunchSession launch, String stream) throws StreamRefused;

    /** Starts the launch's streams with what the client announced; they send once the client pings. */
    void announce(LaunchSession launch, StreamParameters parameters, InetAddress client) throws StreamRefused;
}
