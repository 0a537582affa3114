package io.lumen.api.backend;

import java.util.List;

/**
 * What the session manager knows of one registered backend.
 *
 * @param capabilities what it offers (codecs for encoders, limits for FEC codecs), human-readable
 * @param pinned       whether configuration pins this backend for its role
 */
public record BackendInfo(BackendRole role, String id, int ranking, Probe probe, List<String> capabilities,
                          String bundle, boolean pinned) {

    public BackendInfo {
        capabilities = List.copyOf(capabilities);
    }
}
