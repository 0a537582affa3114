package io.lumen.protocol.moonlight.impl.pairing;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What became of a PIN typed at the host: sent to one attempt, or held back because no attempt, or more than one,
 * fits what the operator named. A PIN is never guessed onto an attempt: with several waiting it goes only where
 * the operator points it.
 */
public record PinEntry(Outcome outcome, WaitingAttempt sentTo, List<WaitingAttempt> waiting) {

    public enum Outcome {
        SENT,
        /** nobody waits for a PIN */
        NONE_WAITING,
        /** several wait and none (or more than one) was named */
        AMBIGUOUS,
        /** the name or address given fits none of those waiting */
        NO_SUCH_CLIENT
    }

    public PinEntry {
        waiting = List.copyOf(waiting);
    }

    public boolean sent() {
        return outcome == Outcome.SENT;
    }

    /** One sentence for the shell and the page, naming the waiting clients wherever the operator must choose. */
    public String message() {
        return switch (outcome) {
            case SENT -> "PIN sent to " + sentTo;
            case NONE_WAITING -> "No client is waiting for a PIN";
            case AMBIGUOUS -> waiting.size() + " clients wait for a PIN; name the one whose PIN this is (by name or"
                    + " address): " + list();
            case NO_SUCH_CLIENT -> "No waiting client has that name or address; waiting: " + list();
        };
    }

    private String list() {
        return waiting.stream().map(WaitingAttempt::toString).collect(Collectors.joining(", "));
    }
}
