package io.lumen.protocol.moonlight.impl.launch;

import io.lumen.api.media.VideoMode;
import io.lumen.protocol.moonlight.impl.query.Query;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchParametersTest {

    private static Query query(String text) {
        return new Query(Arrays.stream(text.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> List.of(p[1]))));
    }

    @Test
    void readsWhatMoonlightAndroidSends() {
        LaunchParameters p = LaunchParameters.parse(query("appid=1&mode=2560x1440x120&additionalStates=1&sops=1"
                + "&rikey=00112233445566778899AABBCCDDEEFF&rikeyid=-12345&localAudioPlayMode=1"
                + "&surroundAudioInfo=" + (0x3F << 16 | 6) + "&remoteControllersBitmap=3&gcmap=3&corever=1"), null);
        assertEquals(new VideoMode(2560, 1440, 120), p.mode());
        assertArrayEquals(HexFormat.of().parseHex("00112233445566778899AABBCCDDEEFF"), p.rikey());
        assertEquals(-12345, p.rikeyId());
        assertEquals(6, p.audioChannels());
        assertEquals(1, p.coreVersion());
        assertEquals(3, p.controllers());
        assertTrue(p.optimizeGameSettings() && p.localAudio());
    }

    @Test
    void anUnsignedRikeyIdIsTheSameFourBytes() {
        LaunchParameters p = LaunchParameters.parse(query("mode=1280x720x60&rikey=" + "00".repeat(16)
                + "&rikeyid=4294967295"), null);
        assertEquals(-1, p.rikeyId());
        assertEquals(LaunchParameters.STEREO, p.surroundAudioInfo(), "stereo when unsaid");
    }

    @Test
    void aResumeKeepsTheRunningModeWhenItSendsNone() {
        VideoMode running = new VideoMode(1920, 1080, 60);
        assertEquals(running, LaunchParameters.parse(query("rikey=" + "00".repeat(16) + "&rikeyid=1"), running).mode());
    }

    @Test
    void missingOrMalformedValuesAreRefusedByName() {
        String key = "&rikey=" + "00".repeat(16);
        assertTrue(message("rikeyid=1" + key).contains("mode is missing"));
        assertTrue(message("mode=1280x720x60&rikeyid=1").contains("rikey is missing"));
        assertTrue(message("mode=1280x720x60&rikeyid=1&rikey=xyz").contains("rikey is not hex"));
        assertTrue(message("mode=1280x720x60&rikeyid=1&rikey=0011").contains("16 bytes"));
        assertTrue(message("mode=1280x720x60" + key).contains("rikeyid is missing"));
        assertTrue(message("mode=1280x720x60" + key + "&rikeyid=99999999999").contains("32-bit"));
        assertTrue(message("mode=1280x720x60" + key + "&rikeyid=1&corever=x").contains("corever is not a number"));
        assertTrue(message("mode=99999x720x60" + key + "&rikeyid=1").contains("out of range"));
    }

    private static String message(String query) {
        return assertThrows(IllegalArgumentException.class, () -> LaunchParameters.parse(query(query), null))
                .getMessage();
    }
}
