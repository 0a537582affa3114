package io.lumen.protocol.moonlight.impl.apps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The apps offered to clients, read from a commented text file:
 * <pre>
 * # comment
 * [Steam Big Picture]          a section per app; its title as clients show it
 * command = steam -gamepadui   run through /bin/sh at launch, stopped at quit (optional)
 * capture = pipewire 42        capture backend for its sessions, then optionally what it captures: a PipeWire
 *                              node id or name, a window (optional)
 * image = steam.png            box art, a PNG inside the image folder (optional)
 * id = 7                       the id clients launch it by (optional; default: derived from the title)
 * </pre>
 * Ids stay the same across restarts and edits of other entries, because clients keep them. Images must lie in
 * the image folder: a path leading out of it is refused when the file is read, so {@code /appasset} can never
 * serve anything else.
 */
public final class AppCatalog {

    public static final String DESKTOP = "Desktop";

    private final List<App> apps;
    private final Path imageDir;

    private AppCatalog(List<App> apps, Path imageDir) {
        this.apps = List.copyOf(apps);
        this.imageDir = imageDir;
    }

    /** Just the desktop: the catalog of a host without an app file. */
    public static AppCatalog desktopOnly() {
        return new AppCatalog(List.of(new App(idFor(DESKTOP), DESKTOP, "", AppCapture.CONFIGURED, Optional.empty())), null);
    }

    /**
     * Reads {@code file}; images are looked up in {@code imageDir}. A missing file gives {@link #desktopOnly()};
     * a malformed one is an error naming the line.
     */
    public static AppCatalog read(Path file, Path imageDir) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return desktopOnly();
        }
        return parse(lines, file.toString(), imageDir);
    }

    static AppCatalog parse(List<String> lines, String source, Path imageDir) throws IOException {
        List<Map<String, String>> sections = new ArrayList<>();
        List<Integer> sectionLines = new ArrayList<>();
        Map<String, String> current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = source + ":" + (i + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.substring(1, Math.max(1, line.length() - 1)).isBlank()) {
                    throw new IOException(where + "a section is [App title]");
                }
                current = new HashMap<>();
                current.put("title", line.substring(1, line.length() - 1).strip());
                sections.add(current);
                sectionLines.add(i + 1);
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IOException(where + "expected key = value or [App title]");
            }
            if (current == null) {
                throw new IOException(where + "a setting before the first [App title]");
            }
            String key = line.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (!List.of("command", "capture", "image", "id").contains(key)) {
                throw new IOException(where + "unknown setting \"" + key + "\" (command, capture, image, id)");
            }
            String value = line.substring(equals + 1).strip();
            if (current.put(key, value) != null) {
                throw new IOException(where + "\"" + key + "\" given twice for this app");
            }
            if (key.equals("capture")) {
                try {
                    AppCapture.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new IOException(where + e.getMessage());
                }
            }
        }
        List<App> apps = new ArrayList<>();
        Map<Integer, String> ids = new HashMap<>();
        for (int s = 0; s < sections.size(); s++) {
            Map<String, String> section = sections.get(s);
            String where = source + ":" + sectionLines.get(s) + ": ";
            String title = section.get("title");
            int id;
            try {
                id = section.containsKey("id") ? Integer.parseInt(section.get("id")) : idFor(title);
            } catch (NumberFormatException e) {
                throw new IOException(where + "id must be a number");
            }
            if (id <= 0) {
                throw new IOException(where + "id must be positive");
            }
            String clash = ids.putIfAbsent(id, title);
            if (clash != null) {
                throw new IOException(where + "\"" + title + "\" has the id of \"" + clash + "\" (" + id
                        + "); give one of them its own id = N");
            }
            Optional<Path> image = section.containsKey("image")
                    ? Optional.of(imageInside(imageDir, section.get("image"), where)) : Optional.empty();
            AppCapture capture = section.containsKey("capture")
                    ? AppCapture.parse(section.get("capture")) : AppCapture.CONFIGURED;
            apps.add(new App(id, title, section.getOrDefault("command", ""), capture, image));
        }
        if (apps.isEmpty()) {
            throw new IOException(source + ": no apps: add at least a [" + DESKTOP + "] section");
        }
        return new AppCatalog(apps, imageDir);
    }

    private static Path imageInside(Path imageDir, String name, String where) throws IOException {
        Path folder = imageDir.toAbsolutePath().normalize();
        Path image;
        try {
            image = folder.resolve(name).normalize();
        } catch (InvalidPathException e) { // a NUL in the name (found by AppCatalogFuzzTest)
            throw new IOException(where + "image \"" + name.replace('\0', '?') + "\" is not a file name");
        }
        if (!image.startsWith(folder) || image.equals(folder)) {
            throw new IOException(where + "image \"" + name + "\" is outside the image folder " + folder);
        }
        return image;
    }

    /** A stable positive id from the title, so reordering or adding apps never changes the others' ids. */
    static int idFor(String title) {
        CRC32 crc = new CRC32();
        crc.update(title.getBytes(StandardCharsets.UTF_8));
        int id = (int) (crc.getValue() & 0x7fffffff);
        return id == 0 ? 1 : id;
    }

    public List<App> apps() {
        return apps;
    }

    public Optional<App> byId(int id) {
        return apps.stream().filter(app -> app.id() == id).findFirst();
    }

    /**
     * The app's box art, if it has one that can be read. The real path is checked again here, so a symbolic
     * link placed in the image folder cannot lead a client to any other file.
     */
    public Optional<byte[]> image(App app) throws IOException {
        if (app.image().isEmpty() || imageDir == null) {
            return Optional.empty();
        }
        Path real;
        try {
            real = app.image().get().toRealPath();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!real.startsWith(imageDir.toRealPath()) || !Files.isRegularFile(real)) {
            throw new IOException("image of \"" + app.title() + "\" resolves to " + real
                    + ", outside the image folder " + imageDir);
        }
        return Optional.of(Files.readAllBytes(real));
    }
}
