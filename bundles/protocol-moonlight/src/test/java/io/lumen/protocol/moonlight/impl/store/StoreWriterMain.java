package io.lumen.protocol.moonlight.impl.store;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Run in a child JVM by the crash test: adds clients to a store as fast as it can until it is killed, printing how
 * many the store holds after each write returned (what a kill must not take back).
 */
public final class StoreWriterMain {

    private StoreWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        PairedClientStore store = new PairedClientStore(Path.of(args[0]));
        String bulk = "x".repeat(20_000); // large entries make a kill land mid-write often
        int first = store.list().size();
        for (int i = first; ; i++) {
            store.put(new PairedClient("client-" + i, "fp-" + i, bulk, Instant.now(), null));
            System.out.println(i + 1);
            System.out.flush();
        }
    }
}
