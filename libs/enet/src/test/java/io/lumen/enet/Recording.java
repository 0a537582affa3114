package io.lumen.enet;

import io.lumen.enet.wire.Datagram;
import io.lumen.enet.wire.WireDecoder;
import io.lumen.enet.wire.WireException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A recorded exchange between the real cgutman/enet client and server (test resources {@code recorded-*.txt}). */
public record Recording(String name, List<Entry> entries) {

    public static final String CLIENT_SESSION = "recorded-client-session.txt";
    public static final String SERVER_DISCONNECT = "recorded-server-disconnect.txt";
    public static final String RECONNECT = "recorded-reconnect.txt";
    public static final List<String> ALL = List.of(CLIENT_SESSION, SERVER_DISCONNECT, RECONNECT);

    /** One datagram as the relay saw it. */
    public record Entry(double timeMillis, boolean fromClient, boolean dropped, byte[] bytes) {

        public Datagram decode() {
            try {
                return WireDecoder.decode(ByteBuffer.wrap(bytes));
            } catch (WireException e) {
                throw new AssertionError("recorded datagram does not decode: " + HexFormat.of().formatHex(bytes), e);
            }
        }

        public String hex() {
            return HexFormat.of().formatHex(bytes);
        }
    }

    public static Recording load(String name) {
        try (InputStream in = Recording.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            List<Entry> entries = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.trim().split(" ");
                entries.add(new Entry(Double.parseDouble(fields[0]), fields[1].startsWith("c2s"), fields[1].endsWith("-dropped"),
                        HexFormat.of().parseHex(fields[2])));
            }
            return new Recording(name, List.copyOf(entries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Entry> from(boolean client) {
        return entries.stream().filter(e -> e.fromClient() == client).toList();
    }
}
