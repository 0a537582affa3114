package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.api.fec.FecCodec;
import io.lumen.protocol.moonlight.impl.audio.opus.Opus;
import io.lumen.protocol.moonlight.impl.audio.opus.OpusException;
import io.lumen.protocol.moonlight.impl.net.UdpSockets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.Objects;

/**
 * One client's Moonlight audio stream (UDP, base port + 11 by default): Opus from an {@link AudioSource} (silence
 * for now), packetized with FEC and optional encryption, sent to the address the client pings from. Opened when
 * the client's SETUP for audio arrives, since the client pings before it finishes the RTSP handshake; closed with
 * the session.
 *
 * <p>Without libopus the stream still holds its port and counts pings but sends nothing: {@link #stats()} says
 * "unavailable: libopus.so.0 not found" and the session streams video alone.
 */
public final class AudioStream implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.moonlight.audio");

    private final AudioSender sender;

    private AudioStream(AudioSender sender) {
        this.sender = sender;
    }

    /**
     * Binds {@code bindAddress} (port 0 picks one) and starts the stream with silence and this machine's libopus.
     * {@code fec} is the "rs8-moonlight-audio" codec. Throws only when the port cannot be bound.
     */
    public static AudioStream open(AudioStreamParams params, InetSocketAddress bindAddress, FecCodec fec)
            throws IOException {
        return open(params, bindAddress, fec, Opus.system(), new SilenceSource());
    }

    /** As {@link #open(AudioStreamParams, InetSocketAddress, FecCodec)} with a given libopus and source, which the stream owns. */
    public static AudioStream open(AudioStreamParams params, InetSocketAddress bindAddress, FecCodec fec, Opus opus,
                                   AudioSource source) throws IOException {
        DatagramChannel channel;
        try {
            channel = UdpSockets.bind(bindAddress);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
        return start(params, channel, fec, opus, source);
    }

    /**
     * Starts the stream on a socket already bound (at SETUP, so its reply could name the port); the stream owns
     * the socket from here and closes it.
     */
    public static AudioStream start(AudioStreamParams params, DatagramChannel bound, FecCodec fec)
            throws IOException {
        return start(params, bound, fec, Opus.system(), new SilenceSource());
    }

    private static AudioStream start(AudioStreamParams params, DatagramChannel channel, FecCodec fec, Opus opus,
                                     AudioSource source) throws IOException {
        Objects.requireNonNull(fec, "the audio stream needs the rs8-moonlight-audio FEC codec");
        AudioEncoding encoding = null;
        String state;
        try {
            encoding = AudioEncoding.open(opus, params, source);
            state = encoding.description();
        } catch (OpusException e) {
            source.close();
            state = "unavailable: " + opus.unavailableReason().orElse(e.getMessage());
        }
        try {
            AudioStream stream = new AudioStream(AudioSender.start(channel, params, encoding, state, fec));
            log(stream, params, encoding);
            return stream;
        } catch (IOException | RuntimeException e) {
            UdpSockets.closeQuietly(channel);
            if (encoding != null) {
                encoding.close();
            }
            throw e;
        }
    }

    private static void log(AudioStream stream, AudioStreamParams params, AudioEncoding encoding) {
        AudioStreamStats stats = stream.stats();
        if (encoding == null) {
            LOG.log(System.Logger.Level.WARNING, "audio on " + stream.localAddress() + " sends nothing ("
                    + stats.encoder() + "); the session streams video only");
        } else {
            LOG.log(System.Logger.Level.INFO, "audio on " + stream.localAddress() + ": " + stats.encoder()
                    + (params.encrypted() ? ", encrypted" : "") + ", source " + encoding.sourceName()
                    + ", waiting for the client's ping");
        }
    }

    /** The bound address; its port goes into the SETUP reply's {@code Transport: server_port=}. */
    public InetSocketAddress localAddress() {
        return sender.localAddress();
    }

    public int port() {
        return localAddress().getPort();
    }

    public AudioStreamStats stats() {
        return sender.stats();
    }

    /** Stops sending, frees the encoder and releases the port. Safe to repeat. */
    @Override
    public void close() {
        sender.close();
    }
}
