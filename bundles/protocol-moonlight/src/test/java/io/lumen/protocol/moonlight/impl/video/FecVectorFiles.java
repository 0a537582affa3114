package io.lumen.protocol.moonlight.impl.video;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GF(2^8) conformance vectors this module reads (src/test/fec-vectors/gf8, README there says where they came
 * from; {@code -Dlumen.fec.vectors} names another folder of the same layout), and one block's input and parity.
 * A missing folder or file fails naming it: the parity check must not pass by not running.
 */
final class FecVectorFiles {

    private FecVectorFiles() {
    }

    /** The folder; fails when it is not there. */
    static Path directory() {
        Path dir = Path.of(System.getProperty("lumen.fec.vectors", "src/test/fec-vectors")).toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(dir), "no conformance data at " + dir
                + " (the module's src/test/fec-vectors; -Dlumen.fec.vectors=DIR names another folder)");
        return dir;
    }

    /** One block: the data shards the manifest's seed generates, and the parity nanors computed. */
    record Block(int dataShards, int parityShards, int shardBytes, byte[][] data, byte[] parity) {
    }

    static Block read(Path manifest) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(require(manifest))).getAsJsonObject();
        int data = json.get("data_shards").getAsInt();
        int size = json.get("shard_bytes").getAsInt();
        long seed = json.getAsJsonObject("prng").get("seed").getAsLong();
        byte[] parity = Files.readAllBytes(require(manifest.resolveSibling(json.get("parity_file").getAsString())));
        return new Block(data, json.get("parity_shards").getAsInt(), size, xorshift32(seed, data, size), parity);
    }

    private static Path require(Path file) {
        assertTrue(Files.isRegularFile(file), "missing conformance file " + file);
        return file;
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
