package io.lumen.fec.leopard.impl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One conformance manifest of fec-vectors (README there): the block shape, the input seed, the expected output
 * (file or SHA-256) and one decode case. Both codes' manifests map onto this shape. A file the manifest names
 * must be there; only a null name (the largest block's decode) leaves the SHA-256 alone to check.
 */
record FecVector(Path manifest, String name, Kind kind, int originals, int recovery, int shardBytes, long seed,
                 String inputSha256, byte[] output, String outputSha256, int[] lostOriginals, int[] lostRecovery,
                 byte[] recovered, String recoveredSha256) {

    enum Kind { RS8, RS8_AUDIO, LEOPARD16, LEOPARD8 }

    static FecVector read(Path manifest) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
        Path dir = manifest.getParent();
        JsonObject decode = json.getAsJsonObject("decode");
        if (json.has("data_shards")) {
            boolean audio = json.get("matrix").getAsString().toUpperCase().contains("AUDIO");
            return new FecVector(manifest, json.get("name").getAsString(), audio ? Kind.RS8_AUDIO : Kind.RS8,
                    json.get("data_shards").getAsInt(), json.get("parity_shards").getAsInt(),
                    json.get("shard_bytes").getAsInt(), seed(json), json.get("data_sha256").getAsString(),
                    file(dir, json, "parity_file"), json.get("parity_sha256").getAsString(),
                    indices(decode, "lost_data"), indices(decode, "lost_parity"),
                    file(dir, decode, "recovered_file"), decode.get("recovered_sha256").getAsString());
        }
        Kind kind = switch (json.get("codec").getAsString()) {
            case "ff16" -> Kind.LEOPARD16;
            case "ff8" -> Kind.LEOPARD8;
            default -> throw new IOException(manifest + ": unknown codec " + json.get("codec"));
        };
        return new FecVector(manifest, json.get("name").getAsString(), kind, json.get("original_count").getAsInt(),
                json.get("recovery_count").getAsInt(), json.get("shard_bytes").getAsInt(), seed(json),
                json.get("original_sha256").getAsString(), file(dir, json, "recovery_file"),
                json.get("recovery_sha256").getAsString(), indices(decode, "lost_original"),
                indices(decode, "lost_recovery"), file(dir, decode, "recovered_file"),
                decode.get("recovered_sha256").getAsString());
    }

    /** True for a manifest describing one block (the table manifests are not). */
    static boolean isBlockManifest(Path manifest) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
        return json.has("decode") && json.has("prng");
    }

    private static long seed(JsonObject json) {
        return json.getAsJsonObject("prng").get("seed").getAsLong();
    }

    private static byte[] file(Path dir, JsonObject json, String key) throws IOException {
        JsonElement name = json.get(key);
        if (name == null || name.isJsonNull()) {
            return null;
        }
        return Files.readAllBytes(VectorFolder.require(dir.resolve(name.getAsString()), key + " in " + json.get("name")));
    }

    /** The list under {@code key}, or when it is null the half-open ranges under {@code key + "_ranges"}. */
    private static int[] indices(JsonObject decode, String key) {
        TreeSet<Integer> set = new TreeSet<>();
        JsonElement list = decode.get(key);
        if (list != null && !list.isJsonNull()) {
            list.getAsJsonArray().forEach(e -> set.add(e.getAsInt()));
        } else {
            JsonElement ranges = decode.get(key + "_ranges");
            if (ranges != null && !ranges.isJsonNull()) {
                for (JsonElement range : ranges.getAsJsonArray()) {
                    JsonArray bounds = range.getAsJsonArray();
                    for (int i = bounds.get(0).getAsInt(); i < bounds.get(1).getAsInt(); i++) {
                        set.add(i);
                    }
                }
            }
        }
        List<Integer> sorted = new ArrayList<>(set);
        return sorted.stream().mapToInt(Integer::intValue).toArray();
    }
}
