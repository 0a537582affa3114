package io.lumen.protocol.moonlight.impl.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Host-header rule that keeps a rebinding web site away from the PIN page. */
class WebUiTest {

    @Test
    void onlyLocalhostAndAddressesReachThePage() {
        assertTrue(WebUiHandler.localHost("127.0.0.1:47990"));
        assertTrue(WebUiHandler.localHost("localhost:47990"));
        assertTrue(WebUiHandler.localHost("localhost"));
        assertTrue(WebUiHandler.localHost("[::1]:47990"));
        assertFalse(WebUiHandler.localHost("evil.example:47990"));
        assertFalse(WebUiHandler.localHost("127.0.0.1.evil.example:47990"));
        assertFalse(WebUiHandler.localHost("localhost.evil.example"));
        assertFalse(WebUiHandler.localHost(null));
        assertTrue(WebUiHandler.localHost("192.168.1.10:47990"), "a page bound to the LAN, opened by address");
        assertTrue(WebUiHandler.localHost("[fe80::1]:47990"));
        assertFalse(WebUiHandler.localHost("[::1]evil:47990"));
        assertFalse(WebUiHandler.localHost("1.2.3.4.evil.example"));
    }
}
