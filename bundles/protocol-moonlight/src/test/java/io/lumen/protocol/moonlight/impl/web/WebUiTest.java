package io.lumen.protocol.moonlight.impl.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Host-header rule that keeps a rebinding web site away from the PIN page. */
class WebUiTest {

    @Test
    void onlyLoopbackNamesReachThePage() {
        assertTrue(WebUiHandler.localHost("127.0.0.1:47990"));
        assertTrue(WebUiHandler.localHost("localhost:47990"));
        assertTrue(WebUiHandler.localHost("localhost"));
        assertTrue(WebUiHandler.localHost("[::1]:47990"));
        assertFalse(WebUiHandler.localHost("evil.example:47990"));
        assertFalse(WebUiHandler.localHost("127.0.0.1.evil.example:47990"));
        assertFalse(WebUiHandler.localHost("localhost.evil.example"));
        assertFalse(WebUiHandler.localHost(null));
        assertFalse(WebUiHandler.localHost("[::2]:47990"));
    }
}
