package io.lumen.api.encode;

import io.lumen.api.backend.Backend;
import io.lumen.api.backend.BackendException;
import io.lumen.api.media.Codec;
import io.lumen.api.media.PixelFormat;
import org.osgi.annotation.versioning.ConsumerType;

import java.util.List;
import java.util.Set;

/** A video encoder: libav (x264, x265, VAAPI), NVENC, the pure-Java fallback. */
@ConsumerType
public interface EncoderBackend extends Backend {

    /** Codecs this backend can produce on this machine (empty when {@link #probe()} says unavailable). */
    Set<Codec> codecs();

    /**
     * The codecs of {@link #codecs()} it can also produce in 10-bit, for HDR ({@link EncoderConfig#tenBit()}).
     * Since 1.1; backends written before say none.
     */
    default Set<Codec> tenBitCodecs() {
        return Set.of();
    }

    /**
     * The bitstream profiles it produces here, each as the codec and the profile's name as decoders report it
     * ("H264 Constrained Baseline", "HEVC Main 10"); empty while {@link #probe()} says unavailable. Since 1.2;
     * backends written before say nothing.
     */
    default List<String> profiles() {
        return List.of();
    }

    /** Pixel formats it takes without help, best first; the capture is asked for these. */
    Set<PixelFormat> inputFormats();

    /**
     * Whether its sessions take frames of any size and fit each into {@link EncoderConfig#mode()} themselves, in the
     * pass that converts it into the encoder's input anyway: scaled into {@link Letterbox#of}'s rectangle, black
     * around it. Then the caller hands frames on as captured, without copying them to the client's size first. False
     * (the default, and what a backend written before 1.4 says): every frame must have the configured size, and
     * the caller fits the ones that do not before {@link EncoderSession#encode}.
     *
     * @since 1.4
     */
    default boolean scalesInput() {
        return false;
    }

    /** Opens an encoder; the first picture it emits is a keyframe. */
    EncoderSession open(EncoderConfig config) throws BackendException;
}
