package io.lumen.protocol.moonlight.impl.apps;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One entry of the app list clients show.
 *
 * @param id             the id clients launch it by; stable across restarts and edits of other entries
 * @param command        a shell command run at launch and stopped at quit; empty for the plain desktop
 * @param capture        the capture backend (and its target) this app's sessions prefer; none: the configured one
 * @param image          its box art (PNG) inside the catalog's image folder, if it has one
 */
public record App(int id, String title, String command, AppCapture capture, Optional<Path> image) {

    public App {
        if (id <= 0) {
            throw new IllegalArgumentException("app id must be positive: " + id);
        }
        if (title.isBlank()) {
            throw new IllegalArgumentException("app title is empty");
        }
    }
}
