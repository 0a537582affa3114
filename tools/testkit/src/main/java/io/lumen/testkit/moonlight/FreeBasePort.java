package io.lumen.testkit.moonlight;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A GameStream base port for a test host whose neighbours are free too: HTTPS (base-5), the PIN page (base+1),
 * RTSP (base+21) over TCP, and video, control and audio (base+9, +10, +11) over UDP.
 */
public final class FreeBasePort {

    private FreeBasePort() {
    }

    public static int find() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20000, 40000);
            try (ServerSocket http = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress());
                 ServerSocket https = new ServerSocket(candidate - 5, 1, InetAddress.getLoopbackAddress());
                 ServerSocket page = new ServerSocket(candidate + 1, 1, InetAddress.getLoopbackAddress());
                 ServerSocket rtsp = new ServerSocket(candidate + 21, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket video = new DatagramSocket(candidate + 9, InetAddress.getLoopbackAddress());
                 DatagramSocket control = new DatagramSocket(candidate + 10, InetAddress.getLoopbackAddress());
                 DatagramSocket audio = new DatagramSocket(candidate + 11, InetAddress.getLoopbackAddress())) {
                return candidate;
            } catch (IOException taken) {
                // one of them is in use: try another
            }
        }
        throw new IOException("no free base port found in 100 tries");
    }
}
