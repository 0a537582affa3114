package io.lumen.protocol.moonlight.impl.pairing;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The waits a wrong PIN costs. Each address pays for its own mistakes (1 s after the first, doubling to a minute),
 * so a stranger's wrong PINs never slow down the device in the user's hand. Because an attacker may hold many
 * addresses, the host also counts wrong PINs across all of them: at most {@link #HOST_FAILURES} in any
 * {@link #HOST_WINDOW}, i.e. no more than 60 guesses an hour however many addresses try, so guessing one 4-digit
 * PIN out of 10,000 takes about 83 hours on average (and every guess needs the host's user to type a PIN into the
 * attacker's attempt). Only while that host-wide count is full must everyone wait.
 * Not thread-safe: the pairing service calls it under its own lock.
 */
final class WrongPinBrake {

    static final Duration FIRST_PENALTY = Duration.ofSeconds(1);
    static final Duration MAX_PENALTY = Duration.ofMinutes(1);
    static final int HOST_FAILURES = 5;
    static final Duration HOST_WINDOW = Duration.ofMinutes(5);
    /** An address that has kept quiet this long after its wait starts afresh. */
    private static final Duration FORGIVEN_AFTER = Duration.ofMinutes(10);

    private record Penalty(Instant until, Duration next) {
    }

    private final Map<InetAddress, Penalty> byAddress = new HashMap<>();
    private final Deque<Instant> recent = new ArrayDeque<>();

    /** When {@code address} may begin again, if it must still wait (its own penalty or the host-wide one). */
    Optional<Instant> blockedUntil(InetAddress address, Instant now) {
        forget(now);
        Instant until = Instant.MIN;
        Penalty own = byAddress.get(address);
        if (own != null && now.isBefore(own.until())) {
            until = own.until();
        }
        if (recent.size() >= HOST_FAILURES) {
            Instant hostWide = recent.peekFirst().plus(HOST_WINDOW);
            until = hostWide.isAfter(until) ? hostWide : until;
        }
        return now.isBefore(until) ? Optional.of(until) : Optional.empty();
    }

    /** Charges a wrong PIN to {@code address}; returns when it may try again. */
    Instant charge(InetAddress address, Instant now) {
        forget(now);
        Penalty last = byAddress.get(address);
        Duration wait = last == null ? FIRST_PENALTY : last.next();
        Duration next = wait.multipliedBy(2).compareTo(MAX_PENALTY) > 0 ? MAX_PENALTY : wait.multipliedBy(2);
        byAddress.put(address, new Penalty(now.plus(wait), next));
        recent.addLast(now);
        return blockedUntil(address, now).orElse(now);
    }

    /** A client of {@code address} paired: its own wait starts afresh (the host-wide count stays). */
    void cleared(InetAddress address) {
        byAddress.remove(address);
    }

    /** Keeps the state bounded: entries age out, and the host-wide bound caps how many can be made meanwhile. */
    private void forget(Instant now) {
        while (!recent.isEmpty() && !now.isBefore(recent.peekFirst().plus(HOST_WINDOW))) {
            recent.removeFirst();
        }
        for (Iterator<Penalty> it = byAddress.values().iterator(); it.hasNext(); ) {
            if (now.isAfter(it.next().until().plus(FORGIVEN_AFTER))) {
                it.remove();
            }
        }
    }
}
