package io.lumen.protocol.moonlight.impl.apps;

import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.session.StreamRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppCatalogTest {

    @TempDir
    Path dir;

    private AppCatalog parse(String text) throws IOException {
        return AppCatalog.parse(text.lines().toList(), "apps.conf", dir.resolve("apps"));
    }

    @Test
    void readsSectionsSettingsAndComments() throws Exception {
        AppCatalog catalog = parse("""
                # a comment
                [Desktop]
                [Steam Big Picture]
                  command = steam -gamepadui   # not a comment: commands may hold '#'
                capture = gamescope
                image = steam.png
                [Old Game]
                id = 42
                """);
        List<App> apps = catalog.apps();
        assertEquals(List.of("Desktop", "Steam Big Picture", "Old Game"), apps.stream().map(App::title).toList());
        assertEquals("steam -gamepadui   # not a comment: commands may hold '#'", apps.get(1).command());
        assertEquals(new AppCapture("gamescope", ""), apps.get(1).capture());
        assertEquals(AppCapture.CONFIGURED, apps.get(0).capture());
        assertEquals(dir.resolve("apps/steam.png").toAbsolutePath(), apps.get(1).image().orElseThrow());
        assertEquals(42, apps.get(2).id());
        assertEquals(catalog.apps().get(0).id(), AppCatalog.desktopOnly().apps().get(0).id(),
                "the desktop keeps its id with or without a file");
    }

    @Test
    void aCaptureLineNamesTheBackendThenOptionallyItsTarget() throws Exception {
        List<App> apps = parse("""
                [Node]
                capture = pipewire 42
                [Named]
                capture =   pipewire   my-node-name\t
                [Window]
                capture = kwin Some Window Title
                [Backend only]
                capture = pipewire
                [Configured]
                """).apps();
        assertEquals(Map.of(StreamRequest.CAPTURE_BACKEND, "pipewire", CaptureRequest.TARGET, "42"),
                apps.get(0).capture().options());
        assertEquals(new AppCapture("pipewire", "my-node-name"), apps.get(1).capture());
        assertEquals(new AppCapture("kwin", "Some Window Title"), apps.get(2).capture());
        assertEquals(Map.of(StreamRequest.CAPTURE_BACKEND, "pipewire"), apps.get(3).capture().options());
        assertEquals(Map.of(), apps.get(4).capture().options(), "no capture line: the configured capture");
    }

    @Test
    void aMalformedCaptureLineIsAnErrorNamingItsLine() {
        String empty = assertThrows(IOException.class, () -> parse("[A]\nid = 3\ncapture =\n")).getMessage();
        assertTrue(empty.contains("apps.conf:3: capture needs a backend id"), empty);
        String quoted = assertThrows(IOException.class, () -> parse("[A]\ncapture = \"pipewire\" 42\n")).getMessage();
        assertTrue(quoted.contains("apps.conf:2: \"\"pipewire\"\" is not a capture backend id"), quoted);
        String comma = assertThrows(IOException.class, () -> parse("[A]\n\ncapture = pipewire,42\n")).getMessage();
        assertTrue(comma.contains("apps.conf:3: \"pipewire,42\" is not a capture backend id"), comma);
    }

    @Test
    void idsDoNotMoveWhenOtherAppsAreAddedOrReordered() throws Exception {
        int before = parse("[Desktop]\n[Game]\n").byId(AppCatalog.idFor("Game")).orElseThrow().id();
        int after = parse("[New]\n[Game]\n[Desktop]\n").apps().get(1).id();
        assertEquals(before, after);
        assertTrue(before > 0);
    }

    @Test
    void mistakesNameTheirLine() {
        assertTrue(assertThrows(IOException.class, () -> parse("command = x\n")).getMessage()
                .contains("apps.conf:1: a setting before the first [App title]"));
        assertTrue(assertThrows(IOException.class, () -> parse("[A]\n\nbogus = 1\n")).getMessage()
                .contains("apps.conf:3: unknown setting \"bogus\""));
        assertTrue(assertThrows(IOException.class, () -> parse("[A]\nid = 5\n[B]\nid = 5\n")).getMessage()
                .contains("has the id of \"A\""));
        assertTrue(assertThrows(IOException.class, () -> parse("[A]\nid = -3\n")).getMessage().contains("positive"));
        assertTrue(assertThrows(IOException.class, () -> parse("[A\n")).getMessage().contains("apps.conf:1"));
        assertTrue(assertThrows(IOException.class, () -> parse("# nothing\n")).getMessage().contains("no apps"));
    }

    @Test
    void imagesCannotLeaveTheImageFolder() throws Exception {
        assertTrue(assertThrows(IOException.class, () -> parse("[A]\nimage = ../../etc/passwd\n")).getMessage()
                .contains("outside the image folder"));
        assertThrows(IOException.class, () -> parse("[A]\nimage = /etc/passwd\n"));

        Path images = Files.createDirectories(dir.resolve("apps"));
        Files.writeString(dir.resolve("secret"), "secret");
        Files.createSymbolicLink(images.resolve("link.png"), dir.resolve("secret"));
        Files.write(images.resolve("real.png"), new byte[] {1, 2, 3});
        AppCatalog catalog = parse("[Linked]\nimage = link.png\n[Real]\nimage = real.png\n[Missing]\nimage = no.png\n");
        assertThrows(IOException.class, () -> catalog.image(catalog.apps().get(0)),
                "a link out of the folder is caught when read");
        assertArrayEquals(new byte[] {1, 2, 3}, catalog.image(catalog.apps().get(1)).orElseThrow());
        assertTrue(catalog.image(catalog.apps().get(2)).isEmpty());
    }

    @Test
    void anAbsentFileMeansJustTheDesktop() throws Exception {
        AppCatalog catalog = AppCatalog.read(dir.resolve("none.conf"), dir);
        assertEquals(List.of(AppCatalog.DESKTOP), catalog.apps().stream().map(App::title).toList());
    }

    @Test
    void theFileIsReadAgainWhenItChangesAndABrokenEditKeepsTheLastGoodList() throws Exception {
        Path file = dir.resolve("apps.conf");
        Files.writeString(file, "[Desktop]\n");
        AppCatalogFile apps = new AppCatalogFile(file, dir, System.getLogger("test"));
        assertEquals(1, apps.get().apps().size());
        Files.writeString(file, "[Desktop]\n[Game]\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
        assertEquals(2, apps.get().apps().size());
        Files.writeString(file, "[Desktop]\nbroken\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 4000));
        assertEquals(2, apps.get().apps().size());
    }
}
