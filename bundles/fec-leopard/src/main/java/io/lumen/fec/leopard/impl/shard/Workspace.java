package io.lumen.fec.leopard.impl.shard;

/** Working shards that grow to the largest block seen and are then reused. */
public final class Workspace {

    private byte[][] shards = new byte[0][];

    /** At least {@code count} shards of exactly {@code bytes}; contents are whatever the last user left. */
    public byte[][] ensure(int count, int bytes) {
        if (shards.length < count || (shards.length > 0 && shards[0].length != bytes)) {
            byte[][] grown = new byte[Math.max(count, shards.length)][];
            for (int i = 0; i < grown.length; i++) {
                grown[i] = i < shards.length && shards[i].length == bytes ? shards[i] : new byte[bytes];
            }
            shards = grown;
        }
        return shards;
    }
}
