package io.lumen.protocol.moonlight.impl;

import io.lumen.protocol.moonlight.impl.pairing.PinEntry;
import io.lumen.protocol.moonlight.impl.pairing.WaitingAttempt;
import io.lumen.protocol.moonlight.impl.query.Printable;
import io.lumen.protocol.moonlight.impl.web.HostControl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code lumen:pair <pin> [name-or-address]} and the shell's view of who waits for a PIN. The PIN goes to the one
 * waiting client, or to the one named; with several waiting and none named the command refuses and lists them,
 * since a PIN sent to a stranger's attempt would pair the stranger.
 */
final class PairCommand {

    private PairCommand() {
    }

    /** Sends {@code pin}; the confirmation, or an exception whose message says why not and who waits. */
    static String run(HostControl host, String pin, String who) {
        if (pin == null || !pin.matches("[0-9]{4}")) {
            throw new IllegalArgumentException("a PIN is the 4 digits the client shows");
        }
        PinEntry entry = host.enterPin(pin, who);
        String message = entry.message(); // its names were made printable when the clients sent them
        return switch (entry.outcome()) {
            case SENT -> message + "; it is paired once the client confirms (lumen:clients)\n";
            case NONE_WAITING -> throw new IllegalStateException("no client is waiting for a PIN: start pairing on"
                    + " the client first");
            case AMBIGUOUS -> throw new IllegalArgumentException(message + " (lumen:pair <pin> <name-or-address>)");
            case NO_SUCH_CLIENT -> throw new IllegalArgumentException(message);
        };
    }

    /** "nobody waiting", or each waiting client by name and address with the command that answers it. */
    static String waiting(HostControl host) {
        List<WaitingAttempt> waiting = host.waitingClients();
        if (waiting.isEmpty()) {
            return "nobody waiting";
        }
        if (waiting.size() == 1) {
            return "\"" + Printable.of(waiting.get(0).toString()) + "\" waits for its PIN (lumen:pair <pin>)";
        }
        return waiting.stream().map(w -> "\"" + Printable.of(w.toString()) + "\"").collect(Collectors.joining(", "))
                + " wait for their PINs (lumen:pair <pin> <name-or-address>)";
    }
}
