package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.api.audio.AudioPacket;
import io.lumen.api.audio.AudioPacketSink;
import io.lumen.api.fec.FecCodec;
import io.lumen.protocol.moonlight.impl.fec.FecCodecSource;
import io.lumen.protocol.moonlight.impl.net.UdpSockets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.Objects;

/**
 * One client's Moonlight audio stream (UDP, base port + 11 by default): the Opus packets of the session's audio
 * pipeline, packetized with FEC and optional encryption, sent to the address the client pings from. Opened when
 * the client's SETUP for audio arrives, since the client pings before it finishes the RTSP handshake; closed with
 * the session. The protocol owns no audio: what is captured and how it is encoded is the session manager's.
 */
public final class AudioStream implements AudioPacketSink, AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.moonlight.audio");

    private final AudioSender sender;

    private AudioStream(AudioSender sender) {
        this.sender = sender;
    }

    /** Binds {@code bindAddress} (port 0 picks one) and starts listening; {@code fec} is "rs8-moonlight-audio". */
    public static AudioStream open(AudioStreamParams params, InetSocketAddress bindAddress, FecCodec fec)
            throws IOException {
        Objects.requireNonNull(fec, "the audio stream needs the rs8-moonlight-audio FEC codec");
        return start(params, UdpSockets.bind(bindAddress), FecCodecSource.of(fec));
    }

    /**
     * Starts the stream on a socket already bound (at SETUP, so its reply could name the port); the stream owns
     * the socket from here and closes it. {@code fec} leases the "rs8-moonlight-audio" codec of each block (none
     * registered: the block goes without parity).
     */
    public static AudioStream start(AudioStreamParams params, DatagramChannel bound, FecCodecSource fec)
            throws IOException {
        try {
            AudioStream stream = new AudioStream(AudioSender.start(bound, params, fec));
            LOG.log(System.Logger.Level.INFO, "audio on " + stream.localAddress() + ": " + params
                    + ", waiting for the client's ping");
            return stream;
        } catch (IOException | RuntimeException e) {
            UdpSockets.closeQuietly(bound);
            throw e;
        }
    }

    /** Sends one packet of the session's audio (on the session's audio thread). */
    @Override
    public void accept(AudioPacket packet) {
        sender.send(packet.data());
    }

    /** The bound address; its port goes into the SETUP reply's {@code Transport: server_port=}. */
    public InetSocketAddress localAddress() {
        return sender.localAddress();
    }

    public int port() {
        return localAddress().getPort();
    }

    public AudioStreamStats streamStats() {
        return sender.stats();
    }

    /** Stops listening and releases the port. Safe to repeat. */
    @Override
    public void close() {
        sender.close();
    }
}
