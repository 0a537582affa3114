package io.lumen.session.impl.pipeline;

import io.lumen.api.encode.EncoderSession;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Heals a client's lost pictures the cheapest way the encoder in use allows. A client's report may come on any
 * thread and only notes the loss: reports that come before the next picture is encoded unite into one range, as one
 * healing picture serves them all. The encode thread then chooses, right before it encodes: references invalidated
 * when every lost picture came from the encoder session in use (translated to that session's own picture numbers),
 * else a wave of intra refresh when the encoder was opened for it, else a keyframe.
 *
 * <p>For the translation it remembers, for the last {@value #REMEMBERED} pictures sent, which encoder session made
 * each ({@code generation}, counted up by {@link EncoderStage} at every open or swap) and what that session numbered
 * it. A lost range older than that, or reaching pictures not sent, cannot be invalidated.
 */
final class LossHealer {

    /** Pictures remembered for the translation: several seconds, far beyond any encoder's reference window. */
    static final int REMEMBERED = 1024;

    static final String ASKED = "heals asked (client lost pictures)";
    static final String MERGED = "heals merged with one asked before the next picture";
    static final String INVALIDATED = "healed by invalidating references";
    static final String INTRA_REFRESH = "healed by a wave of intra refresh";
    static final String KEYFRAME = "healed by a keyframe";

    /** How one healing was done. */
    enum How {
        INVALIDATED("invalidating references"), INTRA_REFRESH("a wave of intra refresh"), KEYFRAME("a keyframe");

        final String label;

        How(String label) {
            this.label = label;
        }
    }

    private final SessionContext context;
    private final LongAdder asked = new LongAdder();
    private final LongAdder merged = new LongAdder();
    private final Map<How, LongAdder> done = new java.util.EnumMap<>(How.class);
    /** The kinds of heal logged at INFO (the first of each); the encode thread's. */
    private final java.util.EnumSet<How> logged = java.util.EnumSet.noneOf(How.class);

    /** Guards the pending range. */
    private final Object lock = new Object();
    private volatile boolean pending;
    private long pendingFirst;
    private long pendingLast;

    // the encode thread's: which session made each remembered picture, under which number
    private final long[] sessionNumbers = new long[REMEMBERED];
    private final long[] encoderNumbers = new long[REMEMBERED];
    private final long[] generations = new long[REMEMBERED];

    LossHealer(SessionContext context) {
        this.context = context;
        for (How how : How.values()) {
            done.put(how, new LongAdder());
        }
        java.util.Arrays.fill(sessionNumbers, -1);
    }

    /** The client lost pictures {@code first} to {@code last} (session numbers, either order); any thread. */
    void request(long first, long last) {
        long low = Math.min(first, last);
        long high = Math.max(first, last);
        asked.increment();
        synchronized (lock) {
            if (pending) {
                merged.increment();
                pendingFirst = Math.min(pendingFirst, low);
                pendingLast = Math.max(pendingLast, high);
            } else {
                pendingFirst = low;
                pendingLast = high;
                pending = true;
            }
        }
    }

    /** A heal waits for the next picture: that picture must be encoded, not repeated by the encoder. */
    boolean pending() {
        return pending;
    }

    /** Picture {@code sessionNumber} went to the sink; the encoder session {@code generation} numbered it so. */
    void sent(long sessionNumber, long encoderNumber, long generation) {
        int slot = (int) Math.floorMod(sessionNumber, (long) REMEMBERED);
        sessionNumbers[slot] = sessionNumber;
        encoderNumbers[slot] = encoderNumber;
        generations[slot] = generation;
    }

    /**
     * Heals what is pending, on the encode thread right before {@code session} (of {@code generation}) encodes; null
     * when nothing was. A keyframe that is due anyway (a new encoder, a client's request) heals it; else the encoder
     * invalidates the lost pictures, or refreshes in a wave when {@code intraRefresh}; KEYFRAME asks the caller for
     * one.
     */
    How heal(EncoderSession session, long generation, boolean intraRefresh, boolean keyframeDue, String encoderId) {
        long first;
        long last;
        synchronized (lock) {
            if (!pending) {
                return null;
            }
            pending = false;
            first = pendingFirst;
            last = pendingLast;
        }
        How how = keyframeDue ? How.KEYFRAME : choose(session, generation, intraRefresh, first, last, encoderId);
        done.get(how).increment();
        String what = "lost pictures " + first + (last == first ? "" : "-" + last) + " healed by " + how.label
                + " (encoder " + encoderId + (keyframeDue && how == How.KEYFRAME ? ", a keyframe was due anyway" : "")
                + ")";
        if (logged.add(how)) {
            context.info(what + "; further heals are counted in lumen:session " + context.id);
        } else {
            context.log.log(System.Logger.Level.DEBUG, "session " + context.id + ": " + what);
        }
        return how;
    }

    private How choose(EncoderSession session, long generation, boolean intraRefresh, long first, long last,
                       String encoderId) {
        long[] own = translate(first, last, generation);
        try {
            if (own != null && session.invalidateReferences(own[0], own[1])) {
                return How.INVALIDATED;
            }
            if (intraRefresh && session.refreshIntra()) {
                return How.INTRA_REFRESH;
            }
        } catch (RuntimeException | LinkageError e) {
            context.warn("encoder " + encoderId + " failed to heal lost pictures " + first + "-" + last
                    + ", sending a keyframe: " + e);
        }
        return How.KEYFRAME;
    }

    /**
     * The lowest and highest number the encoder session {@code generation} gave pictures {@code first} to
     * {@code last}; null unless it made every one of them and all are remembered.
     */
    private long[] translate(long first, long last, long generation) {
        if (first < 0 || last - first >= REMEMBERED) {
            return null;
        }
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (long i = 0; i <= last - first; i++) { // by offset: last may be Long.MAX_VALUE
            long n = first + i;
            int slot = (int) (n % REMEMBERED);
            if (sessionNumbers[slot] != n || generations[slot] != generation) {
                return null;
            }
            low = Math.min(low, encoderNumbers[slot]);
            high = Math.max(high, encoderNumbers[slot]);
        }
        return new long[] {low, high};
    }

    /** The counters, for {@code lumen:session}; empty until a client lost a picture. */
    Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        long total = asked.sum();
        if (total > 0) {
            stats.put(ASKED, total);
            stats.put(MERGED, merged.sum());
            stats.put(INVALIDATED, done.get(How.INVALIDATED).sum());
            stats.put(INTRA_REFRESH, done.get(How.INTRA_REFRESH).sum());
            stats.put(KEYFRAME, done.get(How.KEYFRAME).sum());
        }
        return stats;
    }
}
