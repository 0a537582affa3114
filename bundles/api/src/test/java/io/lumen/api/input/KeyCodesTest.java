package io.lumen.api.input;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link KeyCodes} against what the clients themselves send: {@code client-keys.tsv} lists, for moonlight-embedded
 * and moonlight-qt, every virtual key each sends and the Linux key it sends it for (its header says where each
 * fact comes from), plus the keys the table maps that neither sends.
 */
class KeyCodesTest {

    private static final Path KERNEL_HEADER = Path.of("/usr/include/linux/input-event-codes.h");

    /** Virtual keys that share their Linux key with another, each with the one it shares it with. */
    private static final Map<Integer, Integer> SHARED = Map.of(
            0x10, 0xA0,   // VK_SHIFT, VK_LSHIFT: KEY_LEFTSHIFT
            0x11, 0xA2,   // VK_CONTROL, VK_LCONTROL: KEY_LEFTCTRL
            0x12, 0xA4,   // VK_MENU, VK_LMENU: KEY_LEFTALT
            0x0C, 0x2E);  // VK_CLEAR, VK_DELETE: KEY_DELETE, Linux's key for the USB Clear usage

    /** One line of the data: {@code vk} stands for {@code key} in {@code client}; the table gives {@code table}. */
    record Row(int line, int vk, String key, int code, String client, String from, String table, String note) {

        /** The Linux code {@link KeyCodes#linux} must give for {@link #vk}. */
        int expected() {
            return switch (table) {
                case "=" -> code;
                case "NONE" -> KeyCodes.NONE;
                default -> Integer.parseInt(table.substring(table.indexOf(':') + 1));
            };
        }

        /** The Linux key names and codes this row states. */
        Map<String, Integer> keysNamed() {
            Map<String, Integer> keys = new HashMap<>();
            if (!key.equals("-")) {
                keys.put(key, code);
            }
            int colon = table.indexOf(':');
            if (colon > 0) {
                keys.put(table.substring(0, colon), expected());
            }
            return keys;
        }

        @Override
        public String toString() {
            return "client-keys.tsv:" + line + " " + String.format("0x%02X", vk) + " " + key + " (" + client + " "
                    + from + ")";
        }
    }

    private static List<Row> rows;

    @BeforeAll
    static void readData() throws IOException {
        rows = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(KeyCodesTest.class.getResourceAsStream("client-keys.tsv"), "client-keys.tsv"),
                StandardCharsets.UTF_8))) {
            int number = 0;
            boolean columns = false;
            for (String line; (line = in.readLine()) != null; ) {
                number++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                assertEquals(7, f.length, "client-keys.tsv:" + number + " has 7 columns");
                if (!columns) {
                    assertEquals("vk", f[0], "the column line comes first");
                    columns = true;
                    continue;
                }
                rows.add(new Row(number, Integer.decode(f[0]), f[1], f[2].equals("-") ? KeyCodes.NONE
                        : Integer.parseInt(f[2]), f[3], f[4], f[5], f[6]));
            }
        }
    }

    @Test
    void theDataHoldsBothClientsLists() {
        Map<String, Integer> perClient = new TreeMap<>();
        rows.forEach(row -> perClient.merge(row.client(), 1, Integer::sum));
        // moonlight-embedded sends a virtual key for 105 Linux keys; moonlight-qt one for 133 SDL scancodes
        assertEquals(Map.of("embedded", 105, "qt", 133, "windows", 20), perClient);
    }

    @Test
    void everyKeyAClientSendsMapsAsTheDataSays() {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            int actual = KeyCodes.linux(row.vk());
            if (actual != row.expected()) {
                wrong.add(row + ": want " + row.expected() + " (" + row.table() + "), got " + actual);
            }
            if (!row.table().equals("=")) {
                assertTrue(!row.note().isBlank(), row + ": a choice says why");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyKeyTheTableMapsIsInTheData() {
        List<String> unexplained = new ArrayList<>();
        for (int vk = 0; vk < 256; vk++) {
            int linux = KeyCodes.linux(vk);
            int key = vk;
            if (linux != KeyCodes.NONE && rows.stream().noneMatch(r -> r.vk() == key && r.expected() == linux)) {
                unexplained.add(String.format("0x%02X -> %d", vk, linux));
            }
        }
        assertEquals(List.of(), unexplained);
    }

    @Test
    void codesNoKeyCarriesGiveNone() {
        for (int vk : new int[] {0x00, 0x01, 0x07, 0x0A, 0x5E, 0x9A, 0xDF, 0xE0, 0xFF, -1, 256, Integer.MIN_VALUE,
                Integer.MAX_VALUE}) {
            assertEquals(KeyCodes.NONE, KeyCodes.linux(vk), String.format("0x%02X", vk));
        }
    }

    @Test
    void noTwoVirtualKeysShareALinuxKeyButTheListedOnes() {
        Map<Integer, Set<Integer>> byLinux = new TreeMap<>();
        for (int vk = 0; vk < 256; vk++) {
            if (KeyCodes.linux(vk) != KeyCodes.NONE) {
                byLinux.computeIfAbsent(KeyCodes.linux(vk), k -> new TreeSet<>()).add(vk);
            }
        }
        Map<Integer, Set<Integer>> shared = new TreeMap<>();
        byLinux.forEach((linux, vks) -> {
            if (vks.size() > 1) {
                shared.put(linux, vks);
            }
        });
        Map<Integer, Set<Integer>> listed = new TreeMap<>();
        SHARED.forEach((vk, with) -> {
            assertEquals(KeyCodes.linux(with), KeyCodes.linux(vk), String.format("0x%02X", vk));
            listed.put(KeyCodes.linux(vk), new TreeSet<>(Set.of(vk, with)));
        });
        assertEquals(listed, shared);
    }

    @Test
    void everyCodeIsOneAnXServerCanCarry() {
        for (int vk = 0; vk < 256; vk++) {
            int linux = KeyCodes.linux(vk);
            if (linux != KeyCodes.NONE) {
                assertTrue(linux >= 1 && linux <= 248, String.format("0x%02X -> %d", vk, linux));
            }
        }
    }

    @Test
    void theKeyNumbersAreTheKernels() throws IOException {
        assumeTrue(Files.isReadable(KERNEL_HEADER),
                KERNEL_HEADER + " is missing (Debian package linux-libc-dev): the KEY_* numbers go unchecked");
        Map<String, Integer> kernel = kernelKeys(Files.readAllLines(KERNEL_HEADER));
        assertTrue(kernel.size() > 200, "parsed " + kernel.size() + " KEY_* definitions");
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            row.keysNamed().forEach((name, code) -> {
                if (!code.equals(kernel.get(name))) {
                    wrong.add(row + ": " + name + " is " + kernel.get(name) + " in the kernel, " + code + " here");
                }
            });
        }
        assertEquals(List.of(), wrong);
    }

    private static Map<String, Integer> kernelKeys(List<String> header) {
        Pattern define = Pattern.compile("#define\\s+(KEY_\\w+)\\s+(\\w+)");
        Map<String, String> raw = new HashMap<>();
        for (String line : header) {
            Matcher m = define.matcher(line);
            if (m.lookingAt()) {
                raw.put(m.group(1), m.group(2));
            }
        }
        Map<String, Integer> keys = new HashMap<>();
        raw.forEach((name, value) -> {
            String resolved = raw.getOrDefault(value, value);  // an alias (KEY_HANGUEL KEY_HANGEUL)
            if (resolved.matches("0x[0-9a-fA-F]+|\\d+")) {
                keys.put(name, Integer.decode(resolved));
            }
        });
        return keys;
    }
}
