package io.lumen.client;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as moonlight-embedded users type it, and every way of getting it wrong. */
class ClientOptionsTest {

    @Test
    void moonlightEmbeddedSpellingsWork() {
        ClientOptions pair = ClientOptions.parse("pair", "192.168.1.2", "-pin", "1234");
        assertEquals("1234", pair.pin());
        assertEquals(new HostAddress("192.168.1.2", 47989), pair.host());
        ClientOptions stream = ClientOptions.parse("stream", "-app", "Steam", "-width", "1920", "-height", "1080",
                "-fps", "120", "-bitrate", "30000", "-seconds", "20", "myhost");
        assertEquals("Steam", stream.app());
        assertEquals("1920x1080x120", stream.mode());
        assertEquals(30_000, stream.bitrateKbps());
        assertEquals(20, stream.seconds());
        assertEquals(ClientOptions.FecChoice.RS8, stream.fec(), "what stock clients get, unless asked");
        assertTrue(stream.decode());
        assertEquals("1920x1080x60", ClientOptions.parse("stream", "h", "-1080").mode());
    }

    @Test
    void lumensOwnOptions() {
        ClientOptions options = ClientOptions.parse("stream", "h", "-fec", "leopard16", "-port", "48989", "-dir",
                "/tmp/x", "-decode", "none", "-codec", "hevc", "-quitappafter");
        assertEquals(ClientOptions.FecChoice.LEOPARD16, options.fec());
        assertEquals("leopard16", options.fec().scheme);
        assertEquals(48989, options.host().httpPort());
        assertEquals(48984, options.host().httpsPort());
        assertEquals(Path.of("/tmp/x"), options.dir());
        assertFalse(options.decode());
        assertEquals("hevc", options.codec());
        assertTrue(options.quitAfter());
        assertEquals("h_48989", options.host().fileName());
    }

    @Test
    void badInputIsAnErrorThatSaysWhat() {
        assertMessage("no action given");
        assertMessage("unknown action 'fly'", "fly", "h");
        assertMessage("list needs a host", "list");
        assertMessage("-pin takes 4 digits, not '12a4'", "pair", "h", "-pin", "12a4");
        assertMessage("-fec takes rs8 or leopard16, not 'rs16'", "stream", "h", "-fec", "rs16");
        assertMessage("-fps takes 1 to 480, not 0", "stream", "h", "-fps", "0");
        assertMessage("-width takes a whole number, not 'wide'", "stream", "h", "-width", "wide");
        assertMessage("-seconds needs a value", "stream", "h", "-seconds");
        assertMessage("unknown option -remote", "stream", "h", "-remote", "no");
        assertMessage("two hosts given: a and b", "stream", "a", "b");
        assertMessage("not a host name or address: 'a/b'", "list", "a/b");
        assertMessage("-window shows decoded pictures: it needs -decode libav", "stream", "h", "-decode", "none",
                "-window");
    }

    private static void assertMessage(String message, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientOptions.parse(args));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
