package io.lumen.launcher;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The command line bin/lumen cmd sends: what the operator typed, as the host's shell should parse it. */
class CommandClientTest {

    @Test
    void oneWordIsAWholeCommandLineWithItsPipesAndQuotes() {
        assertEquals("lb | grep 'lumen encoder'", CommandClient.commandLine(List.of("lb | grep 'lumen encoder'")));
        assertEquals("update 11", CommandClient.commandLine(List.of("update 11")));
    }

    @Test
    void severalWordsKeepTheirBoundaries() {
        assertEquals("update 11", CommandClient.commandLine(List.of("update", "11")));
        assertEquals("lumen:pair 1234 Steam\\ Deck", CommandClient.commandLine(List.of("lumen:pair", "1234", "Steam Deck")));
        assertEquals("echo it\\'s \\\"x\\\"", CommandClient.commandLine(List.of("echo", "it's", "\"x\"")));
        assertEquals("echo \"\" x", CommandClient.commandLine(List.of("echo", "", "x")));
    }

    @Test
    void aNewlineCannotEndTheLineEarly() {
        assertEquals("lb x", CommandClient.commandLine(List.of("lb\nx")));
    }
}
