package io.lumen.protocol.moonlight.impl.net;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The connections a listener holds open, in all and per remote address, against its {@link TcpListener.Limits}.
 * <p>
 * A full listener still takes a connection from an address that holds at least two fewer than the address holding
 * the most, and gives it that address's oldest place: with only the caps, 8 addresses at 16 each would fill 128
 * places and keep every other client out (the flood need not come from the client's own address). So a client is
 * refused only while it already holds about as many as anyone, or 128 addresses hold one each.
 *
 * @param <C> what a connection is, so an evicted one can be named and closed
 */
final class ConnectionLimit<C> {

    /** What admitting a connection decided: whether it stays, and the connection (or null) closed to make room. */
    record Admission<C>(boolean admitted, C evicted) {
    }

    private final TcpListener.Limits limits;
    private final Map<InetAddress, ArrayDeque<C>> byAddress = new HashMap<>();
    private int open;
    private long refused;
    private long evicted;

    ConnectionLimit(TcpListener.Limits limits) {
        this.limits = limits;
    }

    /** Takes a place for {@code connection} from {@code remote}, perhaps another's; refusals and evictions are counted. */
    synchronized Admission<C> admit(InetAddress remote, C connection) {
        ArrayDeque<C> own = byAddress.get(remote);
        int fromRemote = own == null ? 0 : own.size();
        if (fromRemote >= limits.perAddress()) {
            refused++;
            return new Admission<>(false, null);
        }
        C victim = null;
        if (open >= limits.perListener()) {
            ArrayDeque<C> heaviest = heaviest();
            if (heaviest == null || heaviest.size() - fromRemote < 2) {
                refused++;
                return new Admission<>(false, null);
            }
            victim = heaviest.pollFirst(); // holds two or more, so stays in the map non-empty
            open--;
            evicted++;
        }
        byAddress.computeIfAbsent(remote, address -> new ArrayDeque<>()).addLast(connection);
        open++;
        return new Admission<>(true, victim);
    }

    /** Gives back the place of an admitted connection that closed; nothing if it was evicted already. */
    synchronized void release(InetAddress remote, C connection) {
        ArrayDeque<C> own = byAddress.get(remote);
        if (own != null && own.remove(connection)) {
            open--;
            if (own.isEmpty()) {
                byAddress.remove(remote);
            }
        }
    }

    /** Scans at most one entry per open connection, and only when the listener is full. */
    private ArrayDeque<C> heaviest() {
        ArrayDeque<C> most = null;
        for (ArrayDeque<C> connections : byAddress.values()) {
            if (most == null || connections.size() > most.size()) {
                most = connections;
            }
        }
        return most;
    }

    synchronized TcpListener.Counts counts() {
        return new TcpListener.Counts(open, refused, evicted);
    }

    synchronized int open() {
        return open;
    }

    synchronized long refused() {
        return refused;
    }

    synchronized long evicted() {
        return evicted;
    }
}
