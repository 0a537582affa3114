package io.lumen.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class LaunchOptionsTest {

    private final Path home = Path.of("/opt/lumen");

    @Test
    void defaultsToAnInteractiveHostWithDataUnderHome() {
        LaunchOptions o = LaunchOptions.parse(home, null);
        assertFalse(o.headless());
        assertFalse(o.isCommand());
        assertEquals(Path.of("/opt/lumen/data"), o.data());
        assertEquals(Path.of("/opt/lumen/data/run/lumen.sock"), o.socket());
    }

    @Test
    void headlessWithADataDirectoryAndAStartCommand() {
        LaunchOptions o = LaunchOptions.parse(home, "/var/lib/ignored", "--headless", "--data", "/var/lib/lumen", "--run", "lumen:sessions");
        assertTrue(o.headless());
        assertEquals(Path.of("/var/lib/lumen"), o.data());
        assertEquals(Optional.of("lumen:sessions"), o.run());
    }

    @Test
    void theEnvironmentChoosesTheDataDirectoryWhenNoOptionDoes() {
        assertEquals(Path.of("/srv/lumen"), LaunchOptions.parse(home, "/srv/lumen").data());
    }

    @Test
    void cmdTakesEveryWordAfterIt() {
        LaunchOptions o = LaunchOptions.parse(home, null, "cmd", "lumen:use", "encoder", "java-h264");
        assertEquals(List.of("lumen:use", "encoder", "java-h264"), o.command());
    }

    @Test
    void mistakesAreExplainedWithTheUsage() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(home, null, "--hedless"));
        assertTrue(unknown.getMessage().contains("unknown argument '--hedless'") && unknown.getMessage().contains("usage:"));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(home, null, "--data"));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(home, null, "cmd"));
    }

    @Test
    void configPlaceholdersNameTheHomeAndDataDirectories(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("lumen.properties");
        Files.writeString(conf, "# comment\nfelix.cm.dir=${lumen.data}/config\nfelix.fileinstall.dir=${lumen.home}/deploy\nplain=value\n");
        Map<String, String> config = HostConfig.load(conf, Path.of("/h"), Path.of("/d"));
        assertEquals(Map.of("felix.cm.dir", "/d/config", "felix.fileinstall.dir", "/h/deploy", "plain", "value"), config);
    }

    @Test
    void aLumenSystemPropertyOverridesTheFileForOneRun(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("lumen.properties");
        Files.writeString(conf, "lumen.test.port=47989\nlumen.data=${lumen.data}\nother.port=1\n");
        System.setProperty("lumen.test.port", "0");
        System.setProperty("lumen.data", "/elsewhere");
        System.setProperty("other.port", "2");
        try {
            Map<String, String> config = HostConfig.load(conf, Path.of("/h"), Path.of("/d"));
            assertEquals("0", config.get("lumen.test.port"));
            assertEquals("/d", config.get("lumen.data"), "the data directory comes from --data only");
            assertEquals("1", config.get("other.port"), "only lumen.* settings");
        } finally {
            System.clearProperty("lumen.test.port");
            System.clearProperty("lumen.data");
            System.clearProperty("other.port");
        }
    }
}
