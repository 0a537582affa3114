package io.lumen.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The system programs tests drive (pipewire, kwin_wayland, Xvfb, xinput): whether they are installed. */
public final class Commands {

    private Commands() {
    }

    /** Whether {@code command} is an executable on the PATH. */
    public static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
