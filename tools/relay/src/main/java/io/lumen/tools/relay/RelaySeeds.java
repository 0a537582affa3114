package io.lumen.tools.relay;

/** The seed of one flow's draws, from the relay's seed: the same run of flows replays the same losses. */
final class RelaySeeds {

    private RelaySeeds() {
    }

    static long of(long seed, RelayPort port, Direction direction, int flowNumber) {
        long mixed = seed;
        mixed = mix(mixed ^ port.ordinal());
        mixed = mix(mixed ^ direction.ordinal());
        return mix(mixed ^ flowNumber);
    }

    /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
