package io.lumen.protocol.moonlight.impl.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SETUP binding a port while the launch is released on another thread: no port may outlive the release. */
@Timeout(120)
class LaunchPortsRaceTest {

    private static final int ROUNDS = 150;
    private static final List<String> STREAMS = List.of("audio", "video", "control");

    @Test
    void aSetupRacingTheReleaseLeavesNoPortBound() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            LaunchPorts ports = new LaunchPorts(loopback, 0, 0, 0, 1234, loopback);
            CyclicBarrier start = new CyclicBarrier(2);
            List<Integer> bound = new ArrayList<>();
            int[] refusals = new int[1];
            Thread setup = Thread.ofPlatform().name("setup-" + round).start(() -> {
                await(start);
                for (String stream : STREAMS) {
                    try {
                        bound.add(ports.setup(stream));
                    } catch (StreamRefused e) {
                        assertEquals(454, e.status(), e.getMessage());
                        refusals[0]++;
                    }
                }
            });
            Thread release = Thread.ofPlatform().name("release-" + round).start(() -> {
                await(start);
                ports.close();
            });
            setup.join();
            release.join();
            refused += refusals[0];
            for (int port : bound) {
                assertTrue(free(loopback, port), "round " + round + ": port " + port + " outlived the release");
            }
        }
        assertTrue(refused > 0, "some SETUP came after the release in " + ROUNDS + " rounds (else nothing raced)");
    }

    private static boolean free(InetAddress address, int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, port))) {
            return socket.isBound();
        } catch (IOException inUse) {
            return false;
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
