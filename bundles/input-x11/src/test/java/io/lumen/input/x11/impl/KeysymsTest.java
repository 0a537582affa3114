package io.lumen.input.x11.impl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Characters to keysyms by the X protocol's rules (keysymdef.h). */
class KeysymsTest {

    @Test
    void printableLatin1IsItsOwnKeysym() {
        assertEquals(0x61, Keysyms.of('a'));
        assertEquals(0x7E, Keysyms.of('~'));
        assertEquals(0xA0, Keysyms.of('\u00A0'));
        assertEquals(0xE9, Keysyms.of('é'));
        assertEquals(0xFF, Keysyms.of('ÿ'));
    }

    @Test
    void everyOtherCharacterIsItsCodePointPlus0x01000000() {
        assertEquals(0x0100_0100L, Keysyms.of(0x100));
        assertEquals(0x0100_20ACL, Keysyms.of('€'));
        assertEquals(0x0100_2192L, Keysyms.of('→'));
        assertEquals(0x0101_F600L, Keysyms.of(0x1F600));
        assertEquals(0x0110_FFFFL, Keysyms.of(0x10FFFF));
    }

    @Test
    void controlCharactersAreTheirKeysOrNothing() {
        assertEquals(Keysyms.RETURN, Keysyms.of('\n'));
        assertEquals(Keysyms.RETURN, Keysyms.of('\r'));
        assertEquals(Keysyms.TAB, Keysyms.of('\t'));
        assertEquals(Keysyms.BACKSPACE, Keysyms.of('\b'));
        assertEquals(Keysyms.ESCAPE, Keysyms.of(0x1B));
        assertEquals(Keysyms.DELETE, Keysyms.of(0x7F));
        assertEquals(Keysyms.NONE, Keysyms.of(0x00));
        assertEquals(Keysyms.NONE, Keysyms.of(0x85));
        assertEquals(Keysyms.NONE, Keysyms.of(0xD800), "a lone surrogate");
    }

    @Test
    void letterAndDigitVirtualKeysNameTheirCharacter() {
        assertEquals('a', Keysyms.ofLetterOrDigitKey('A'));
        assertEquals('z', Keysyms.ofLetterOrDigitKey('Z'));
        assertEquals('0', Keysyms.ofLetterOrDigitKey('0'));
        assertEquals(Keysyms.NONE, Keysyms.ofLetterOrDigitKey(0xBA), "VK_OEM_1 differs by layout");
        assertEquals(Keysyms.NONE, Keysyms.ofLetterOrDigitKey(0x0D), "VK_RETURN");
    }
}
