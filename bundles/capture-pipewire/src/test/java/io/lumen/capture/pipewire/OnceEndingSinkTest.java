package io.lumen.capture.pipewire;

import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.Frame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OnceEndingSinkTest {

    private static final class Ends implements FrameSink {
        final List<String> reasons = new ArrayList<>();

        @Override
        public void accept(Frame frame) {
        }

        @Override
        public void ended(String reason) {
            reasons.add(reason);
        }
    }

    @Test
    void onlyTheFirstEndIsHeardInTheBundlesWords() {
        Ends ends = new Ends();
        OnceEndingSink sink = new OnceEndingSink(ends, reason -> reason + "; the producer exited");
        sink.ended("the node left");
        sink.ended("the producer's process exited");
        assertEquals(List.of("the node left; the producer exited"), ends.reasons);
    }

    @Test
    void aSilencedSinkReportsNoEnd() {
        Ends ends = new Ends();
        OnceEndingSink sink = new OnceEndingSink(ends, reason -> reason);
        sink.silence();
        sink.ended("closed by lumen, seen by the stream");
        assertEquals(List.of(), ends.reasons);
    }
}
