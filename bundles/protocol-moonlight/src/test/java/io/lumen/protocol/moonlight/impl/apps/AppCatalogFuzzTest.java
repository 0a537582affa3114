package io.lumen.protocol.moonlight.impl.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Coverage-guided, {@code apps.conf} as the operator (or anyone who can write the file) leaves it: the bytes are
 * read into lines as {@link AppCatalog#read} reads them, and the catalog either comes out whole (at least one app,
 * positive distinct ids, titles, every image inside the image folder) or is refused with an {@link IOException}
 * naming the line. Anything else would stop the host from starting.
 */
class AppCatalogFuzzTest {

    private static final Path IMAGES = Path.of("/nonexistent/lumen-fuzz/images");

    @FuzzTest
    void appsConf(byte[] file) {
        List<String> lines;
        try {
            lines = lines(file);
        } catch (IOException notUtf8) { // read refuses the file the same way, naming it
            return;
        }
        AppCatalog catalog;
        try {
            catalog = AppCatalog.parse(lines, "apps.conf", IMAGES);
        } catch (IOException refused) {
            assertTrue(refused.getMessage().startsWith("apps.conf"), refused.getMessage());
            return;
        }
        assertFalse(catalog.apps().isEmpty());
        Set<Integer> ids = new HashSet<>();
        for (App app : catalog.apps()) {
            assertTrue(app.id() > 0 && ids.add(app.id()), () -> "ids positive and distinct: " + catalog.apps());
            assertFalse(app.title().isBlank());
            app.image().ifPresent(image -> assertTrue(image.startsWith(IMAGES) && !image.equals(IMAGES), image::toString));
            assertEquals(app, catalog.byId(app.id()).orElseThrow());
        }
    }

    /** The lines {@code Files.readAllLines} gives, or a refusal for bytes that are not UTF-8 as it refuses them. */
    private static List<String> lines(byte[] file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(file), decoder))) {
            List<String> lines = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
            return lines;
        }
    }
}
