package io.lumen.fec.leopard.impl;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Shard arrays in the shapes tests need. */
final class Shards {

    private Shards() {
    }

    static MemorySegment[] segments(byte[][] shards) {
        MemorySegment[] segments = new MemorySegment[shards.length];
        for (int i = 0; i < shards.length; i++) {
            segments[i] = MemorySegment.ofArray(shards[i]);
        }
        return segments;
    }

    static byte[][] zeros(int count, int size) {
        return new byte[count][size];
    }

    static byte[][] copy(byte[][] shards) {
        byte[][] copy = new byte[shards.length][];
        for (int i = 0; i < shards.length; i++) {
            copy[i] = shards[i].clone();
        }
        return copy;
    }

    static byte[] concat(byte[][] shards) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] shard : shards) {
            out.writeBytes(shard);
        }
        return out.toByteArray();
    }

    /**
     * Decodes after erasing the listed originals (their buffers overwritten with 0xA5) and recovery shards
     * (passed as null); returns every original as the decoder left it.
     */
    static byte[][] decodeAfterLosing(io.lumen.api.fec.FecCodec codec, byte[][] originals, byte[][] recovery,
                                      int[] lostOriginals, int[] lostRecovery) {
        byte[][] received = copy(originals);
        boolean[] originalPresent = new boolean[originals.length];
        java.util.Arrays.fill(originalPresent, true);
        for (int lost : lostOriginals) {
            originalPresent[lost] = false;
            java.util.Arrays.fill(received[lost], (byte) 0xA5);
        }
        boolean[] recoveryPresent = new boolean[recovery.length];
        java.util.Arrays.fill(recoveryPresent, true);
        MemorySegment[] recoverySegments = segments(recovery);
        for (int lost : lostRecovery) {
            recoveryPresent[lost] = false;
            recoverySegments[lost] = null;
        }
        codec.decode(segments(received), originalPresent, recoverySegments, recoveryPresent);
        return received;
    }

    /** The shards at {@code indices}, concatenated in that order. */
    static byte[] concat(byte[][] shards, int[] indices) {
        return concat(java.util.Arrays.stream(indices).mapToObj(i -> shards[i]).toArray(byte[][]::new));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
