package io.lumen.tools.audiobench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/** The client's side of the audio port, cut to what a benchmark needs: one ping, then every datagram counted. */
final class PingingReceiver implements AutoCloseable {

    private final DatagramChannel channel;
    private final Thread thread;
    private final AtomicLong datagrams = new AtomicLong();
    private volatile boolean running = true;

    PingingReceiver(InetSocketAddress host, byte[] pingPayload) throws IOException {
        channel = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress("127.0.0.1", 0));
        channel.send(ByteBuffer.allocate(20).put(pingPayload).putInt(1).flip(), host);
        thread = Thread.ofPlatform().name("bench-audio-client").daemon().start(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(2048);
            while (running) {
                try {
                    buffer.clear();
                    channel.receive(buffer);
                    datagrams.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    long datagrams() {
        return datagrams.get();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        running = false;
        channel.close();
        thread.join();
    }
}
