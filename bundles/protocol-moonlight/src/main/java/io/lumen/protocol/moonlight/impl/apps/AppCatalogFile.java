package io.lumen.protocol.moonlight.impl.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Supplier;

/**
 * The catalog of an app file, read again when the file changes, so an edit shows in the clients' next app list
 * without a restart. An edit that does not parse is logged and the last good catalog kept.
 */
public final class AppCatalogFile implements Supplier<AppCatalog> {

    private final Path file;
    private final Path imageDir;
    private final System.Logger log;
    private FileTime readAt;
    private AppCatalog catalog;

    /** Reads {@code file} now; an error here is the caller's (the host does not start on a broken app file). */
    public AppCatalogFile(Path file, Path imageDir, System.Logger log) throws IOException {
        this.file = file;
        this.imageDir = imageDir;
        this.log = log;
        this.readAt = modified();
        this.catalog = AppCatalog.read(file, imageDir);
        log.log(System.Logger.Level.INFO, "apps: " + catalog.apps().size() + " from "
                + (readAt == null ? "the defaults (" + file + " is absent)" : file));
    }

    @Override
    public synchronized AppCatalog get() {
        FileTime now;
        try {
            now = modified();
        } catch (IOException e) {
            return catalog;
        }
        if (now == null ? readAt == null : now.equals(readAt)) {
            return catalog;
        }
        readAt = now;
        try {
            catalog = AppCatalog.read(file, imageDir);
            log.log(System.Logger.Level.INFO, "apps: " + file + " changed, " + catalog.apps().size() + " apps");
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "apps: " + e.getMessage() + "; keeping the previous list");
        }
        return catalog;
    }

    private FileTime modified() throws IOException {
        try {
            return Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
