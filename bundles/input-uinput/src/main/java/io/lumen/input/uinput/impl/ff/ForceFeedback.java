package io.lumen.input.uinput.impl.ff;

import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.PadFeedback;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.FfEffect;

/**
 * The rumble of one virtual pad, without devices, threads or clocks: fed the effects programs upload and erase
 * and their play and stop requests, with the time in milliseconds, it tells the client's pad what to do. Effects
 * playing together add up (clamped), as they would on the pad's two motors; the client hears only changes, and a
 * stop (0, 0) when the last effect stops, is erased, or its replay length runs out.
 * <p>
 * Not thread-safe: the feedback loop drives it under its lock.
 */
public final class ForceFeedback {

    /** The errno uinput passes back to the uploading program for an effect the pad cannot play. */
    static final int EINVAL = 22;
    private static final long FOREVER = Long.MAX_VALUE;

    private final int controllerNumber;
    private final InputFeedback feedback;
    private final FfEffect[] effects;
    private final boolean[] playing;
    private final long[] startsAt;
    private final long[] endsAt;
    private int sentStrong;
    private int sentWeak;

    public ForceFeedback(int controllerNumber, int maxEffects, InputFeedback feedback) {
        this.controllerNumber = controllerNumber;
        this.feedback = feedback;
        this.effects = new FfEffect[maxEffects];
        this.playing = new boolean[maxEffects];
        this.startsAt = new long[maxEffects];
        this.endsAt = new long[maxEffects];
    }

    /**
     * A program uploaded (or changed) an effect; returns the retval for UI_END_FF_UPLOAD: 0, or -EINVAL for one
     * that is not a rumble or has an id the kernel would not give. A changed effect that plays rumbles anew.
     */
    public int upload(FfEffect effect, long nowMillis) {
        if (effect.type() != Codes.FF_RUMBLE || !valid(effect.id())) {
            return -EINVAL;
        }
        effects[effect.id()] = effect;
        update(nowMillis);
        return 0;
    }

    /** A program erased an effect (the kernel stops it first); the retval for UI_END_FF_ERASE. */
    public int erase(int effectId, long nowMillis) {
        if (!valid(effectId)) {
            return -EINVAL;
        }
        effects[effectId] = null;
        playing[effectId] = false;
        update(nowMillis);
        return 0;
    }

    /**
     * EV_FF from the kernel: {@code count} > 0 plays the effect that many times in a row (after its delay), 0
     * stops it. Requests for an effect never uploaded are ignored, as the pad would.
     */
    public void play(int effectId, int count, long nowMillis) {
        if (!valid(effectId) || effects[effectId] == null) {
            return;
        }
        FfEffect effect = effects[effectId];
        playing[effectId] = count > 0;
        startsAt[effectId] = nowMillis + effect.replayDelayMillis();
        endsAt[effectId] = effect.replayLengthMillis() == 0 ? FOREVER
                : startsAt[effectId] + (long) effect.replayLengthMillis() * count;
        update(nowMillis);
    }

    /** Lets time pass: effects whose delay is over start, those whose length ran out stop. */
    public void advance(long nowMillis) {
        update(nowMillis);
    }

    /** When {@link #advance} next has something to do; {@link Long#MAX_VALUE} when nothing is timed. */
    public long nextDeadline(long nowMillis) {
        long next = FOREVER;
        for (int id = 0; id < effects.length; id++) {
            if (playing[id]) {
                next = Math.min(next, startsAt[id] > nowMillis ? startsAt[id] : endsAt[id]);
            }
        }
        return next;
    }

    /** The pad goes away: everything stops, and the client is told if it was rumbling. */
    public void stopAll() {
        java.util.Arrays.fill(playing, false);
        send(0, 0);
    }

    private void update(long nowMillis) {
        int strong = 0;
        int weak = 0;
        for (int id = 0; id < effects.length; id++) {
            if (!playing[id]) {
                continue;
            }
            if (nowMillis >= endsAt[id]) {
                playing[id] = false;
            } else if (nowMillis >= startsAt[id]) {
                strong += effects[id].strong();
                weak += effects[id].weak();
            }
        }
        send(Math.min(strong, 0xFFFF), Math.min(weak, 0xFFFF));
    }

    private void send(int strong, int weak) {
        if (strong != sentStrong || weak != sentWeak) {
            sentStrong = strong;
            sentWeak = weak;
            feedback.send(new PadFeedback.Rumble(controllerNumber, strong, weak));
        }
    }

    private boolean valid(int effectId) {
        return effectId >= 0 && effectId < effects.length;
    }
}
