package io.lumen.itest;

import io.lumen.api.fec.FecCodec;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import javax.inject.Inject;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Collection;
import java.util.Random;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The FEC codecs as a consumer meets them: FecCodec services found by name in the assembled host's bundle set,
 * running their vector kernels (the container JVM has the Vector API module), rebuilding lost shards.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FecCodecServiceIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return LumenContainer.options();
    }

    private FecCodec codec(String id) throws Exception {
        Collection<ServiceReference<FecCodec>> refs = context.getServiceReferences(FecCodec.class,
                "(fec.id=" + id + ")");
        assertEquals("one FecCodec service named " + id, 1, refs.size());
        FecCodec codec = context.getService(refs.iterator().next());
        assertEquals(id, codec.id());
        assertTrue(codec + " runs the vector kernels", codec.toString().contains("vector-256"));
        return codec;
    }

    @Test
    public void leopard16RebuildsAFrameWorthOfLostShards() throws Exception {
        roundTrip(codec("leopard16"), 2000, 200, 1024, 200);
    }

    @Test
    public void rs8MoonlightRebuildsLostVideoShards() throws Exception {
        FecCodec rs8 = codec("rs8-moonlight");
        assertEquals(255, rs8.limits().maxTotalShards());
        roundTrip(rs8, 100, 20, 1408, 20);
    }

    @Test
    public void rs8AudioTakesOnlyItsFixedShape() throws Exception {
        FecCodec audio = codec("rs8-moonlight-audio");
        roundTrip(audio, 4, 2, 240, 2);
        try {
            audio.encode(segments(new byte[5][240]), segments(new byte[2][240]));
            fail("5 data shards accepted by the 4+2 audio code");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("must be 1..4"));
        }
    }

    private static void roundTrip(FecCodec codec, int k, int r, int size, int lost) {
        Random random = new Random(k * 31L + r);
        byte[][] originals = new byte[k][size];
        for (byte[] shard : originals) {
            random.nextBytes(shard);
        }
        byte[][] recovery = new byte[r][size];
        codec.encode(segments(originals), segments(recovery));
        byte[][] received = new byte[k][];
        boolean[] present = new boolean[k];
        Arrays.fill(present, true);
        for (int i = 0; i < k; i++) {
            received[i] = originals[i].clone();
        }
        for (int erased = 0; erased < lost; ) {
            int i = random.nextInt(k);
            if (present[i]) {
                present[i] = false;
                Arrays.fill(received[i], (byte) 0);
                erased++;
            }
        }
        boolean[] recoveryPresent = new boolean[r];
        Arrays.fill(recoveryPresent, true);
        codec.decode(segments(received), present, segments(recovery), recoveryPresent);
        for (int i = 0; i < k; i++) {
            assertArrayEquals(codec.id() + " original " + i, originals[i], received[i]);
        }
    }

    private static MemorySegment[] segments(byte[][] shards) {
        return Arrays.stream(shards).map(MemorySegment::ofArray).toArray(MemorySegment[]::new);
    }
}
