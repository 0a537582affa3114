package io.lumen.api.media;

/** Video bitstream formats; every encoder emits Annex-B (start-code delimited) access units. */
public enum Codec {
    H264, HEVC, AV1
}
