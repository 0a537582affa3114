package io.lumen.capture.synthetic.impl.audio;

import io.lumen.api.audio.AudioCaptureRequest;
import io.lumen.api.audio.AudioFormat;
import io.lumen.api.audio.AudioPeriod;
import io.lumen.api.audio.PcmSink;
import io.lumen.api.backend.BackendException;
import io.lumen.capture.synthetic.tone.BeepSignal;
import io.lumen.capture.synthetic.tone.Tone;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic audio capture on the real clock: cadence, the tone per channel, the beep onsets, close. */
class SyntheticAudioBackendTest {

    private final SyntheticAudioBackend backend = new SyntheticAudioBackend();

    /** A period as the sink saw it, copied (the capture's samples are valid only during the call). */
    record Received(short[] samples, int frames, long sequence, long captureNanos, long arrivedNanos) {
    }

    /** Keeps copies of what arrives, for the test thread to take with a timeout. */
    static final class Recorder implements PcmSink {
        final LinkedBlockingQueue<Received> periods = new LinkedBlockingQueue<>();
        volatile long count;

        @Override
        public void accept(AudioPeriod period) {
            long arrived = System.nanoTime();
            periods.add(new Received(period.samples().toArray(ValueLayout.JAVA_SHORT), period.frames(),
                    period.sequence(), period.captureNanos(), arrived));
            count++;
        }

        @Override
        public void ended(String reason) {
            throw new AssertionError("the synthetic capture never ends by itself: " + reason);
        }

        List<Received> take(int n) throws InterruptedException {
            List<Received> taken = new ArrayList<>();
            while (taken.size() < n) {
                Received next = periods.poll(2, TimeUnit.SECONDS);
                assertNotNull(next, "period " + taken.size() + " arrives");
                taken.add(next);
            }
            return taken;
        }
    }

    private static AudioCaptureRequest request(AudioFormat format, int packetMillis, Map<String, String> options) {
        return new AudioCaptureRequest(format, packetMillis, false, options);
    }

    @Test
    void periodsOfThePacketDurationArriveInRealTimeOnAnAbsoluteSchedule() throws Exception {
        for (int millis : new int[] {5, 10}) {
            Recorder recorder = new Recorder();
            try (SyntheticAudioSession session = (SyntheticAudioSession) backend.open(
                    request(AudioFormat.STEREO, millis, Map.of()), recorder)) {
                List<Received> periods = recorder.take(60);
                long period = millis * 1_000_000L;
                long start = periods.getFirst().captureNanos();
                for (int i = 0; i < periods.size(); i++) {
                    Received p = periods.get(i);
                    assertEquals(48 * millis, p.frames(), millis + " ms of 48 kHz");
                    assertEquals(48 * millis * 2, p.samples().length, "interleaved stereo");
                    assertEquals(i, p.sequence());
                    assertEquals(start + i * period, p.captureNanos(), "period " + i + " on the schedule, exactly");
                    assertTrue(p.arrivedNanos() >= p.captureNanos(), "never ahead of the clock");
                }
                long lag = periods.getLast().arrivedNanos() - periods.getLast().captureNanos();
                assertTrue(lag < 100_000_000L, "the 60th period is on time, not drifted: " + lag / 1000 + " us late");
                assertTrue((Long) session.stats().get("periods delivered") >= 60, session.stats().toString());
            }
        }
    }

    @Test
    void aSinkThatHoldsTheThreadGetsThePeriodsItMissedBackToBackStillOnTheSchedule() throws Exception {
        Recorder recorder = new Recorder();
        PcmSink slowOnce = new PcmSink() {
            @Override
            public void accept(AudioPeriod period) {
                recorder.accept(period);
                if (period.sequence() == 5) {
                    long until = System.nanoTime() + 40_000_000L; // a consumer stalling the thread for 8 periods
                    while (System.nanoTime() < until) {
                        LockSupport.parkNanos(until - System.nanoTime());
                    }
                }
            }

            @Override
            public void ended(String reason) {
                recorder.ended(reason);
            }
        };
        try (var session = backend.open(request(AudioFormat.STEREO, 5, Map.of()), slowOnce)) {
            List<Received> periods = recorder.take(40);
            long start = periods.getFirst().captureNanos();
            for (int i = 0; i < periods.size(); i++) {
                assertEquals(i, periods.get(i).sequence(), "none dropped");
                assertEquals(start + i * 5_000_000L, periods.get(i).captureNanos(), "none shifted");
            }
            assertTrue(periods.get(7).arrivedNanos() - periods.get(7).captureNanos() > 5_000_000L,
                    "period 7 came late, after the stall");
            assertTrue((Long) session.stats().get("late periods caught up") >= 4, session.stats().toString());
            Received last = periods.getLast();
            assertTrue(last.arrivedNanos() - last.captureNanos() < 100_000_000L, "back on time after the stall");
        }
    }

    @Test
    void eachChannelPlaysItsOwnToneAtAboutMinus12dBFS() throws Exception {
        double[] hz = {300, 500, 700, 900, 1100, 1300};
        Recorder recorder = new Recorder();
        try (var session = backend.open(request(AudioFormat.SURROUND_51, 5, Map.of(BeepSignal.HZ_OPTION,
                "300, 500,700,900,1100,1300")), recorder)) {
            List<Received> periods = recorder.take(280); // 1.4 s: one whole beep at least
            for (int c = 0; c < hz.length; c++) {
                short[] channel = channel(periods, 6, c);
                int[] beep = firstWholeBeep(channel);
                double seconds = (beep[1] - beep[0]) / 48_000.0;
                assertEquals(0.25, seconds, 0.001, "channel " + c + " beeps 250 ms");
                double crossings = zeroCrossings(channel, beep[0], beep[1]);
                assertEquals(hz[c], crossings / 2 / seconds, hz[c] * 0.01, "channel " + c + "'s frequency");
                assertEquals(Tone.AMPLITUDE, peak(channel, beep[0], beep[1]), Tone.AMPLITUDE * 0.01,
                        "a quarter of full scale");
            }
            assertTrue(session.stats().get("signal").toString().startsWith("300, 500, 700, 900, 1100, 1300 Hz"),
                    session.stats().toString());
        }
    }

    @Test
    void theBeepStartsAtTheWholeSecondOfCaptureTimeAndTheDefaultIs440Hz() throws Exception {
        Recorder recorder = new Recorder();
        try (var ignored = backend.open(request(AudioFormat.STEREO, 5, Map.of()), recorder)) {
            List<Received> periods = recorder.take(280);
            short[] left = channel(periods, 2, 0);
            int[] beep = firstWholeBeep(left);
            long onset = captureNanos(periods, beep[0]);
            long end = captureNanos(periods, beep[1] - 1);
            assertTrue(Math.floorMod(onset, BeepSignal.SECOND_NANOS) < 5_000_000L,
                    "the first sound is within a period after the whole second: " + Math.floorMod(onset, 1_000_000_000L));
            long endIntoSecond = Math.floorMod(end, BeepSignal.SECOND_NANOS);
            assertTrue(endIntoSecond >= 245_000_000L && endIntoSecond < 250_000_000L, "the last at 250 ms: "
                    + endIntoSecond);
            double seconds = (beep[1] - beep[0]) / 48_000.0;
            assertEquals(440, zeroCrossings(left, beep[0], beep[1]) / 2 / seconds, 4.4);
            assertEquals(0, zeroCrossings(channel(periods, 2, 1), beep[0], beep[1])
                    - zeroCrossings(left, beep[0], beep[1]), "both channels play it");
        }
    }

    @Test
    void closeStopsDeliveryBeforeItReturns() throws Exception {
        Recorder first = new Recorder();
        SyntheticAudioSession session = (SyntheticAudioSession) backend.open(request(AudioFormat.SURROUND_71, 5,
                Map.of()), first);
        first.take(3);
        session.close();
        assertFalse(session.delivering(), "the thread is gone when close returns");
        long atClose = first.count;
        Recorder second = new Recorder();
        try (var ignored = backend.open(request(AudioFormat.STEREO, 5, Map.of()), second)) {
            second.take(5); // 25 ms in which the first would have delivered too
        }
        assertEquals(atClose, first.count, "nothing after close");
        session.close(); // harmless again
    }

    @Test
    void toneSettingsItCannotPlayAreClearErrors() {
        assertEquals("synthetic audio: tone.hz=440,550: one frequency or 6 (one per channel), not 2",
                assertThrows(BackendException.class, () -> backend.open(request(AudioFormat.SURROUND_51, 5,
                        Map.of(BeepSignal.HZ_OPTION, "440,550")), new Recorder())).getMessage());
        assertEquals("synthetic audio: tone.hz=loud: 'loud' is not a frequency in Hz",
                assertThrows(BackendException.class, () -> backend.open(request(AudioFormat.STEREO, 5,
                        Map.of(BeepSignal.HZ_OPTION, "loud")), new Recorder())).getMessage());
        assertTrue(assertThrows(BackendException.class, () -> backend.open(request(AudioFormat.STEREO, 5,
                Map.of(BeepSignal.HZ_OPTION, "30000")), new Recorder())).getMessage().contains("at most 20000"));
    }

    private static short[] channel(List<Received> periods, int channels, int channel) {
        int frames = periods.getFirst().frames();
        short[] out = new short[periods.size() * frames];
        for (int p = 0; p < periods.size(); p++) {
            short[] samples = periods.get(p).samples();
            for (int i = 0; i < frames; i++) {
                out[p * frames + i] = samples[i * channels + channel];
            }
        }
        return out;
    }

    /** Sample {@code index} of the concatenated periods' capture time. */
    private static long captureNanos(List<Received> periods, int index) {
        Received period = periods.get(index / periods.getFirst().frames());
        return BeepSignal.sampleNanos(period.captureNanos(), index % period.frames());
    }

    /** [first sound, last sound + 1) of the first beep after at least 100 ms of silence. */
    private static int[] firstWholeBeep(short[] samples) {
        int silent = 0;
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] == 0) {
                silent++;
                continue;
            }
            if (silent >= 4_800) {
                int last = i;
                for (int j = i; j < samples.length && j - last < 480; j++) {
                    if (samples[j] != 0) {
                        last = j;
                    }
                }
                assertTrue(last + 480 < samples.length, "the beep ends within the recording");
                return new int[] {i, last + 1};
            }
            silent = 0;
        }
        throw new AssertionError("no beep after 100 ms of silence in " + samples.length / 48 + " ms");
    }

    private static int zeroCrossings(short[] samples, int from, int to) {
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        return crossings;
    }

    private static int peak(short[] samples, int from, int to) {
        int peak = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(samples[i]));
        }
        return peak;
    }
}
