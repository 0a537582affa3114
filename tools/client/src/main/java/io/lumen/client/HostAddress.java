package io.lumen.client;

/**
 * A host as the client reaches it: its name or address and the GameStream base port (47989 unless the host, or a
 * relay in front of it, moved its ports). HTTP is the base port, HTTPS five below it.
 */
record HostAddress(String host, int basePort) {

    static final int DEFAULT_BASE_PORT = 47989;

    HostAddress {
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:_\\[\\]-]+")) {
            throw new IllegalArgumentException("not a host name or address: '" + host + "'");
        }
        if (basePort < 6 || basePort > 65535 - 21) {
            throw new IllegalArgumentException("base port " + basePort + " leaves no room for the ports above it");
        }
    }

    int httpPort() {
        return basePort;
    }

    int httpsPort() {
        return basePort - 5;
    }

    /** The name of this host's files in the client's state: only characters every file system takes. */
    String fileName() {
        return host.replaceAll("[^A-Za-z0-9.-]", "_") + "_" + basePort;
    }

    @Override
    public String toString() {
        return host + (basePort == DEFAULT_BASE_PORT ? "" : " (base port " + basePort + ")");
    }
}
