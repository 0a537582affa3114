package io.lumen.testkit.moonlight;

import io.lumen.api.fec.FecCodec;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The audio side of a Moonlight client, from moonlight-common-c's {@code AudioStream.c}: it binds a UDP port,
 * pings the host's audio port every 500 ms (SS_PING: the payload then a big-endian counter from 1), receives into
 * 1400-byte buffers, reassembles with {@link RtpAudioQueue} (FEC through the injected "rs8-moonlight-audio"
 * codec), decrypts AES-128-CBC payloads with the IV {@code BE32(rikeyId + sequenceNumber)}, checks that sequence
 * numbers and timestamps run on without gaps, and hands the Opus packets to a sink on its receive thread.
 * Unlike the client it keeps the first half second (the client drops it to skip GFE's backlog), so a test sees
 * every packet from the first whole block on.
 */
public final class AudioReceiver implements AutoCloseable {

    private static final int MAX_PACKET_BYTES = 1400;
    private static final int PING_INTERVAL_MS = 500;
    private static final int RECEIVE_POLL_MS = 100;

    private final DatagramSocket socket;
    private final InetSocketAddress host;
    private final AudioReceiverOptions options;
    private final Consumer<AudioPacket> sink;
    private final RtpAudioQueue queue;
    private final AudioLossInjector loss;
    private final Cipher cipher;
    private final Thread receiver;
    private final Thread pinger;
    private final Object lock = new Object();
    private volatile boolean running = true;
    private long pingsSent;
    private long datagrams;
    private long delivered;
    private long recovered;
    private long lost;
    private long discontinuities;
    private long decryptFailures;
    private int first = -1;
    private int last = -1;
    private int lastTimestamp;

    private AudioReceiver(DatagramSocket socket, InetSocketAddress host, AudioReceiverOptions options, FecCodec fec,
                          Consumer<AudioPacket> sink) {
        this.socket = socket;
        this.host = host;
        this.options = options;
        this.sink = sink;
        this.queue = new RtpAudioQueue(fec, options.packetDurationMs());
        this.loss = new AudioLossInjector(options.loss());
        this.cipher = options.key() == null ? null : newCipher();
        int port = socket.getLocalPort();
        this.receiver = Thread.ofPlatform().name("testkit-audio-receive-" + port).daemon().unstarted(this::receive);
        this.pinger = Thread.ofPlatform().name("testkit-audio-ping-" + port).daemon().unstarted(this::ping);
    }

    /** Binds a port on every address and starts pinging {@code host}, the host's audio address. */
    public static AudioReceiver open(InetSocketAddress host, AudioReceiverOptions options, FecCodec fec,
                                     Consumer<AudioPacket> sink) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(0));
        socket.setSoTimeout(RECEIVE_POLL_MS);
        AudioReceiver receiver = new AudioReceiver(socket, host, options, fec, sink);
        receiver.receiver.start();
        receiver.pinger.start();
        return receiver;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public AudioReceiverStats stats() {
        synchronized (lock) {
            return new AudioReceiverStats(pingsSent, datagrams, queue.dataPackets, queue.fecPackets, delivered,
                    recovered, lost, loss.dataDropped, loss.fecDropped, queue.invalid, queue.duplicates,
                    queue.failedBlocks, discontinuities, decryptFailures, queue.fecDisabled(), first, last);
        }
    }

    /** Waits until {@code count} packets were handed out (with payload or lost); false on timeout. */
    public boolean awaitPackets(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (delivered + lost < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private void ping() {
        byte[] payload = options.pingPayload();
        int count = 0;
        while (running) {
            byte[] ping = payload == null ? new byte[] {'P', 'I', 'N', 'G'}
                    : ByteBuffer.allocate(20).put(payload).putInt(++count).array();
            try {
                socket.send(new DatagramPacket(ping, ping.length, host));
                synchronized (lock) {
                    pingsSent++;
                }
            } catch (IOException e) {
                // as the client: errors show on the receive side (the host may not have bound its port yet)
            }
            try {
                Thread.sleep(PING_INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void receive() {
        byte[] buffer = new byte[MAX_PACKET_BYTES];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        RtpAudioQueue.Output output = new RtpAudioQueue.Output() {
            @Override
            public void packet(int sequenceNumber, int timestamp, byte[] payload, boolean rebuilt) {
                handOut(sequenceNumber, timestamp, payload, rebuilt);
            }

            @Override
            public void lost(int sequenceNumber) {
                handOut(sequenceNumber, lastTimestamp + options.packetDurationMs(), null, false);
            }
        };
        while (running) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                continue; // e.g. ICMP port unreachable before the host bound its port
            }
            synchronized (lock) {
                datagrams++;
                ByteBuffer datagram = ByteBuffer.wrap(buffer, 0, packet.getLength());
                if (!loss.drop(datagram)) {
                    queue.add(datagram, output);
                }
                lock.notifyAll();
            }
        }
    }

    /** Called with the lock held, in sequence order; {@code payload} null for a packet lost for good. */
    private void handOut(int sequenceNumber, int timestamp, byte[] payload, boolean rebuilt) {
        if (last >= 0 && (sequenceNumber != ((last + 1) & 0xffff)
                || timestamp != lastTimestamp + options.packetDurationMs())) {
            discontinuities++;
        }
        if (first < 0) {
            first = sequenceNumber;
        }
        last = sequenceNumber;
        lastTimestamp = timestamp;
        if (payload == null) {
            lost++;
            sink.accept(AudioPacket.lost(sequenceNumber, timestamp));
            return;
        }
        byte[] opus = payload;
        if (cipher != null) {
            opus = decrypt(sequenceNumber, payload);
            if (opus == null) {
                decryptFailures++;
                return;
            }
        }
        delivered++;
        if (rebuilt) {
            recovered++;
        }
        sink.accept(new AudioPacket(sequenceNumber, timestamp, opus, rebuilt));
    }

    private byte[] decrypt(int sequenceNumber, byte[] ciphertext) {
        byte[] iv = ByteBuffer.allocate(16).putInt(options.rikeyId() + sequenceNumber).array();
        try {
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(options.key(), "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/CBC/PKCS5Padding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES/CBC/PKCS5Padding", e);
        }
    }

    /** Stops both threads and releases the port. */
    @Override
    public void close() {
        running = false;
        pinger.interrupt();
        socket.close();
        boolean interrupted = false;
        for (Thread thread : new Thread[] {pinger, receiver}) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
