package io.lumen.tools.soak;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

/**
 * The child process HostProbeTest samples: on "fds N" it opens N more files, on "threads N" it starts N more
 * threads, on "heap N" it keeps N more MiB reachable, on "native N" N more MiB of direct buffers; it answers "ok" when done and exits when its input ends.
 */
public final class HeldResources {

    private HeldResources() {
    }

    public static void main(String[] args) throws Exception {
        List<Object> held = new ArrayList<>();
        CountDownLatch never = new CountDownLatch(1);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ok");
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.split(" ");
            int n = Integer.parseInt(words[1]);
            for (int i = 0; i < n; i++) {
                switch (words[0]) {
                    case "fds" -> held.add(new FileInputStream("/dev/null"));
                    case "threads" -> held.add(Thread.ofPlatform().daemon().start(() -> {
                        try {
                            never.await();
                        } catch (InterruptedException ignored) {
                            // exiting
                        }
                    }));
                    // quarter-MiB arrays: a whole MiB would be a G1 humongous object taking two regions
                    case "heap" -> IntStream.range(0, 4).forEach(q -> held.add(new byte[1 << 18]));
                    case "native" -> held.add(java.nio.ByteBuffer.allocateDirect(1 << 20));
                    default -> throw new IllegalArgumentException(line);
                }
            }
            System.out.println("ok");
        }
    }
}
