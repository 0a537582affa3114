package io.lumen.protocol.moonlight.impl.video;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The team's GF(2^8) conformance vectors (shared/fec-vectors/gf8, README there): where they are, and one
 * block's input and parity. {@code -Dlumen.fec.vectors} names the folder; without it (or when it is missing,
 * as in a worktree one level deeper) the nearest {@code shared/fec-vectors} above the module is used.
 */
final class FecVectorFiles {

    private FecVectorFiles() {
    }

    /** The folder, or null when there is none. */
    static Path directory() {
        String configured = System.getProperty("lumen.fec.vectors");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fec-vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** One block: the data shards the manifest's seed generates, and the parity nanors computed. */
    record Block(int dataShards, int parityShards, int shardBytes, byte[][] data, byte[] parity) {
    }

    static Block read(Path manifest) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
        int data = json.get("data_shards").getAsInt();
        int size = json.get("shard_bytes").getAsInt();
        long seed = json.getAsJsonObject("prng").get("seed").getAsLong();
        byte[] parity = Files.readAllBytes(manifest.resolveSibling(json.get("parity_file").getAsString()));
        return new Block(data, json.get("parity_shards").getAsInt(), size, xorshift32(seed, data, size), parity);
    }

    /** README: xorshift32, state stepped before each output, each word little-endian, shards filled in order. */
    static byte[][] xorshift32(long seed, int count, int size) {
        int state = (int) seed;
        int word = 0;
        int left = 0;
        byte[][] shards = new byte[count][size];
        for (byte[] shard : shards) {
            for (int i = 0; i < size; i++) {
                if (left == 0) {
                    state ^= state << 13;
                    state ^= state >>> 17;
                    state ^= state << 5;
                    word = state;
                    left = 4;
                }
                shard[i] = (byte) word;
                word >>>= 8;
                left--;
            }
        }
        return shards;
    }
}
