package io.lumen.testkit.moonlight;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** A GameStream base port for a test host whose HTTPS (base-5) and PIN-page (base+1) neighbours are free too. */
public final class FreeBasePort {

    private FreeBasePort() {
    }

    public static int find() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20000, 40000);
            try (ServerSocket http = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress());
                 ServerSocket https = new ServerSocket(candidate - 5, 1, InetAddress.getLoopbackAddress());
                 ServerSocket page = new ServerSocket(candidate + 1, 1, InetAddress.getLoopbackAddress())) {
                return candidate;
            } catch (IOException taken) {
                // one of the three is in use: try another
            }
        }
        throw new IOException("no free base port found in 100 tries");
    }
}
