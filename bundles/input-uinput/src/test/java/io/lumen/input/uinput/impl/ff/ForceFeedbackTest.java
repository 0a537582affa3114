package io.lumen.input.uinput.impl.ff;

import io.lumen.api.input.PadFeedback;
import io.lumen.api.input.PadFeedback.Rumble;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.FfEffect;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rumble state machine, driven with made-up times. */
class ForceFeedbackTest {

    private final List<PadFeedback> sent = new ArrayList<>();
    private final ForceFeedback rumble = new ForceFeedback(2, 16, sent::add);

    private static FfEffect effect(int id, int lengthMillis, int delayMillis, int strong, int weak) {
        return new FfEffect(Codes.FF_RUMBLE, id, lengthMillis, delayMillis, strong, weak);
    }

    private List<PadFeedback> taken() {
        List<PadFeedback> copy = List.copyOf(sent);
        sent.clear();
        return copy;
    }

    @Test
    void playRumblesAndTheReplayLengthEndsIt() {
        assertEquals(0, rumble.upload(effect(0, 500, 0, 0xFFFF, 0x8000), 1000));
        assertEquals(List.of(), taken(), "uploading plays nothing");
        rumble.play(0, 1, 1000);
        assertEquals(List.of(new Rumble(2, 0xFFFF, 0x8000)), taken());
        assertEquals(1500, rumble.nextDeadline(1000));
        rumble.advance(1499);
        assertEquals(List.of(), taken());
        rumble.advance(1500);
        assertEquals(List.of(new Rumble(2, 0, 0)), taken());
        assertEquals(Long.MAX_VALUE, rumble.nextDeadline(1500));
    }

    @Test
    void aCountPlaysTheEffectThatManyTimesAndAStopEndsItEarly() {
        rumble.upload(effect(3, 100, 0, 10, 20), 0);
        rumble.play(3, 3, 0);
        assertEquals(300, rumble.nextDeadline(0));
        rumble.advance(250);
        assertEquals(List.of(new Rumble(2, 10, 20)), taken());
        rumble.play(3, 0, 260);
        assertEquals(List.of(new Rumble(2, 0, 0)), taken());
    }

    @Test
    void aDelayedEffectStartsLater() {
        rumble.upload(effect(1, 200, 50, 100, 0), 0);
        rumble.play(1, 1, 0);
        assertEquals(List.of(), taken());
        assertEquals(50, rumble.nextDeadline(0));
        rumble.advance(50);
        assertEquals(List.of(new Rumble(2, 100, 0)), taken());
        assertEquals(250, rumble.nextDeadline(50));
        rumble.advance(250);
        assertEquals(List.of(new Rumble(2, 0, 0)), taken());
    }

    @Test
    void effectsPlayingTogetherAddUpClamped() {
        rumble.upload(effect(0, 0, 0, 0xC000, 0x1000), 0);
        rumble.upload(effect(1, 0, 0, 0xC000, 0x2000), 0);
        rumble.play(0, 1, 0);
        rumble.play(1, 1, 0);
        rumble.play(0, 0, 10);
        assertEquals(List.of(new Rumble(2, 0xC000, 0x1000), new Rumble(2, 0xFFFF, 0x3000),
                new Rumble(2, 0xC000, 0x2000)), taken());
        assertEquals(Long.MAX_VALUE, rumble.nextDeadline(10), "a length of 0 plays until stopped");
    }

    @Test
    void reuploadingAPlayingEffectChangesTheRumble() {
        rumble.upload(effect(0, 0, 0, 100, 100), 0);
        rumble.play(0, 1, 0);
        rumble.upload(effect(0, 0, 0, 300, 0), 5);
        assertEquals(List.of(new Rumble(2, 100, 100), new Rumble(2, 300, 0)), taken());
    }

    @Test
    void erasingAPlayingEffectStopsItAndLaterPlaysAreIgnored() {
        rumble.upload(effect(4, 0, 0, 100, 100), 0);
        rumble.play(4, 1, 0);
        assertEquals(0, rumble.erase(4, 1));
        rumble.play(4, 1, 2);
        assertEquals(List.of(new Rumble(2, 100, 100), new Rumble(2, 0, 0)), taken());
    }

    @Test
    void onlyRumbleWithAValidIdIsAccepted() {
        assertEquals(-ForceFeedback.EINVAL, rumble.upload(new FfEffect(0x51, 0, 0, 0, 1, 1), 0), "FF_PERIODIC");
        assertEquals(-ForceFeedback.EINVAL, rumble.upload(effect(16, 0, 0, 1, 1), 0));
        assertEquals(-ForceFeedback.EINVAL, rumble.erase(-1, 0));
        rumble.play(7, 1, 0);
        assertEquals(List.of(), taken(), "never uploaded");
    }

    @Test
    void stopAllSilencesOnlyARumblingPad() {
        rumble.stopAll();
        assertEquals(List.of(), taken());
        rumble.upload(effect(0, 0, 0, 1, 1), 0);
        rumble.play(0, 1, 0);
        rumble.stopAll();
        assertEquals(List.of(new Rumble(2, 1, 1), new Rumble(2, 0, 0)), taken());
    }
}
