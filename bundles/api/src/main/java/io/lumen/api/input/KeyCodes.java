package io.lumen.api.input;

/**
 * The one table from the key codes Moonlight clients send ({@link KeyChange#virtualKey()}, Windows virtual-key
 * codes naming a position on a US layout) to Linux input event codes ({@code KEY_*} of
 * {@code linux/input-event-codes.h}), which every injector speaks: uinput directly, X servers as the code plus 8,
 * compositors' keycode APIs as evdev codes. Since 2.0.
 * <p>
 * Where one virtual key stands for two keys the table picks one, so an injector never has to guess:
 * <ul>
 *   <li>{@code VK_RETURN} is the main Enter key: clients send it for the keypad Enter as well, and no client sends
 *       a code of its own for that key.</li>
 *   <li>The generic {@code VK_SHIFT}, {@code VK_CONTROL} and {@code VK_MENU} are the left keys, as their
 *       left-hand codes are.</li>
 *   <li>{@code VK_CONVERT} and {@code VK_NONCONVERT} are the Japanese Henkan and Muhenkan keys, as on a Windows
 *       host; {@code VK_HANGUL} and {@code VK_HANJA} are the Korean keys. (moonlight-qt sends VK_CONVERT and
 *       VK_NONCONVERT for a Mac's Kana and Eisu keys, to switch a Windows host's Japanese input on and off.)</li>
 *   <li>{@code VK_OEM_5} and {@code VK_OEM_102} are the US backslash key and the ISO key beside the left Shift; a
 *       client that sends them for the Japanese Yen and Ro keys marks them {@link KeyChange#nonNormalized()}.</li>
 *   <li>{@code VK_CLEAR} is {@code KEY_DELETE}, the key Linux itself gives the USB Clear usage (its
 *       {@code KEY_CLEAR}, 355, is beyond what X keycodes carry).</li>
 * </ul>
 * {@code VK_OEM_8} has no key on a US layout (and a different one on every layout that has it), so it maps to
 * nothing.
 */
public final class KeyCodes {

    /** {@code KEY_RESERVED}: no key. */
    public static final int NONE = 0;

    private KeyCodes() {
    }

    /** The Linux key code at {@code virtualKey}'s position, or {@link #NONE} for a code no key carries. */
    public static int linux(int virtualKey) {
        return virtualKey >= 0 && virtualKey < TABLE.length ? TABLE[virtualKey] : NONE;
    }

    private static final short[] TABLE = new short[256];

    static {
        map(0x08, 14);   // VK_BACK               KEY_BACKSPACE
        map(0x09, 15);   // VK_TAB                KEY_TAB
        map(0x0C, 111);  // VK_CLEAR              KEY_DELETE
        map(0x0D, 28);   // VK_RETURN             KEY_ENTER
        map(0x10, 42);   // VK_SHIFT              KEY_LEFTSHIFT
        map(0x11, 29);   // VK_CONTROL            KEY_LEFTCTRL
        map(0x12, 56);   // VK_MENU               KEY_LEFTALT
        map(0x13, 119);  // VK_PAUSE              KEY_PAUSE
        map(0x14, 58);   // VK_CAPITAL            KEY_CAPSLOCK
        map(0x15, 122);  // VK_HANGUL (VK_KANA)   KEY_HANGEUL
        map(0x19, 123);  // VK_HANJA (VK_KANJI)   KEY_HANJA
        map(0x1B, 1);    // VK_ESCAPE             KEY_ESC
        map(0x1C, 92);   // VK_CONVERT            KEY_HENKAN
        map(0x1D, 94);   // VK_NONCONVERT         KEY_MUHENKAN
        map(0x20, 57);   // VK_SPACE              KEY_SPACE
        // VK_PRIOR, VK_NEXT, VK_END, VK_HOME, VK_LEFT, VK_UP, VK_RIGHT, VK_DOWN:
        // KEY_PAGEUP, KEY_PAGEDOWN, KEY_END, KEY_HOME, KEY_LEFT, KEY_UP, KEY_RIGHT, KEY_DOWN
        run(0x21, 104, 109, 107, 102, 105, 103, 106, 108);
        map(0x29, 132);  // VK_SELECT             KEY_FRONT (Linux's key for the USB Select usage)
        map(0x2B, 134);  // VK_EXECUTE            KEY_OPEN (Linux's key for the USB Execute usage)
        map(0x2C, 99);   // VK_SNAPSHOT           KEY_SYSRQ
        map(0x2D, 110);  // VK_INSERT             KEY_INSERT
        map(0x2E, 111);  // VK_DELETE             KEY_DELETE
        map(0x2F, 138);  // VK_HELP               KEY_HELP
        // VK_0..VK_9: KEY_0, KEY_1..KEY_9
        run(0x30, 11, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        // VK_A..VK_Z: KEY_A..KEY_Z (numbered along the rows of a typewriter)
        run(0x41, 30, 48, 46, 32, 18, 33, 34, 35, 23, 36, 37, 38, 50, 49, 24, 25, 16, 19, 31, 20, 22, 47, 17, 45,
                21, 44);
        map(0x5B, 125);  // VK_LWIN               KEY_LEFTMETA
        map(0x5C, 126);  // VK_RWIN               KEY_RIGHTMETA
        map(0x5D, 127);  // VK_APPS               KEY_COMPOSE
        map(0x5F, 142);  // VK_SLEEP              KEY_SLEEP
        // VK_NUMPAD0..VK_NUMPAD9: KEY_KP0..KEY_KP9
        run(0x60, 82, 79, 80, 81, 75, 76, 77, 71, 72, 73);
        map(0x6A, 55);   // VK_MULTIPLY           KEY_KPASTERISK
        map(0x6B, 78);   // VK_ADD                KEY_KPPLUS
        map(0x6C, 121);  // VK_SEPARATOR          KEY_KPCOMMA
        map(0x6D, 74);   // VK_SUBTRACT           KEY_KPMINUS
        map(0x6E, 83);   // VK_DECIMAL            KEY_KPDOT
        map(0x6F, 98);   // VK_DIVIDE             KEY_KPSLASH
        // VK_F1..VK_F12: KEY_F1..KEY_F10, KEY_F11, KEY_F12
        run(0x70, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 87, 88);
        // VK_F13..VK_F24: KEY_F13..KEY_F24
        run(0x7C, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194);
        map(0x90, 69);   // VK_NUMLOCK            KEY_NUMLOCK
        map(0x91, 70);   // VK_SCROLL             KEY_SCROLLLOCK
        // VK_LSHIFT, VK_RSHIFT, VK_LCONTROL, VK_RCONTROL, VK_LMENU, VK_RMENU:
        // KEY_LEFTSHIFT, KEY_RIGHTSHIFT, KEY_LEFTCTRL, KEY_RIGHTCTRL, KEY_LEFTALT, KEY_RIGHTALT
        run(0xA0, 42, 54, 29, 97, 56, 100);
        // VK_BROWSER_BACK, _FORWARD, _REFRESH, _STOP, _SEARCH, _FAVORITES, _HOME:
        // KEY_BACK, KEY_FORWARD, KEY_REFRESH, KEY_STOP, KEY_SEARCH, KEY_BOOKMARKS, KEY_HOMEPAGE
        run(0xA6, 158, 159, 173, 128, 217, 156, 172);
        // VK_VOLUME_MUTE, _DOWN, _UP, VK_MEDIA_NEXT_TRACK, _PREV_TRACK, _STOP, _PLAY_PAUSE:
        // KEY_MUTE, KEY_VOLUMEDOWN, KEY_VOLUMEUP, KEY_NEXTSONG, KEY_PREVIOUSSONG, KEY_STOPCD, KEY_PLAYPAUSE
        run(0xAD, 113, 114, 115, 163, 165, 166, 164);
        // VK_LAUNCH_MAIL, _MEDIA_SELECT, _APP1 (the file browser), _APP2 (the calculator):
        // KEY_MAIL, KEY_CONFIG, KEY_FILE, KEY_CALC
        run(0xB4, 155, 171, 144, 140);
        map(0xBA, 39);   // VK_OEM_1        ;:    KEY_SEMICOLON
        map(0xBB, 13);   // VK_OEM_PLUS     =+    KEY_EQUAL
        map(0xBC, 51);   // VK_OEM_COMMA    ,<    KEY_COMMA
        map(0xBD, 12);   // VK_OEM_MINUS    -_    KEY_MINUS
        map(0xBE, 52);   // VK_OEM_PERIOD   .>    KEY_DOT
        map(0xBF, 53);   // VK_OEM_2        /?    KEY_SLASH
        map(0xC0, 41);   // VK_OEM_3        `~    KEY_GRAVE
        map(0xDB, 26);   // VK_OEM_4        [{    KEY_LEFTBRACE
        map(0xDC, 43);   // VK_OEM_5        \|    KEY_BACKSLASH
        map(0xDD, 27);   // VK_OEM_6        ]}    KEY_RIGHTBRACE
        map(0xDE, 40);   // VK_OEM_7        '"    KEY_APOSTROPHE
        map(0xE2, 86);   // VK_OEM_102            KEY_102ND
        map(0xF1, 90);   // VK_DBE_KATAKANA       KEY_KATAKANA
        map(0xF2, 91);   // VK_DBE_HIRAGANA       KEY_HIRAGANA
    }

    private static void map(int virtualKey, int linuxKey) {
        TABLE[virtualKey] = (short) linuxKey;
    }

    /** Consecutive virtual keys from {@code firstVirtualKey} on. */
    private static void run(int firstVirtualKey, int... linuxKeys) {
        for (int i = 0; i < linuxKeys.length; i++) {
            map(firstVirtualKey + i, linuxKeys[i]);
        }
    }
}
