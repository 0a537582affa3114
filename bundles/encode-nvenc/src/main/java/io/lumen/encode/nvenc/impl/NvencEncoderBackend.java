package io.lumen.encode.nvenc.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.Codec;
import io.lumen.api.media.PixelFormat;
import io.lumen.encode.nvenc.impl.ffm.NvencDriver;
import io.lumen.encode.nvenc.impl.ffm.NvencEncoder;
import io.lumen.encode.nvenc.impl.ffm.NvencException;
import io.lumen.encode.nvenc.impl.ffm.NvencGuid;
import org.osgi.service.component.annotations.Component;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * NVENC called directly (no libavcodec in between): H.264 and HEVC, HEVC also as Main 10, from the capture's packed
 * RGB as it is. Outranks libav's h264_nvenc/hevc_nvenc (30) because it reconfigures the rate without reopening and
 * is where a zero-copy GPU input will go.
 */
@Component(service = EncoderBackend.class, property = "service.ranking:Integer=35")
public final class NvencEncoderBackend implements EncoderBackend {

    /** Packed RGB first: NVENC converts it to YUV on the GPU, saving the CPU a colour conversion. */
    static final Set<PixelFormat> INPUT = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(PixelFormat.BGRX, PixelFormat.BGRA,
            PixelFormat.RGBX, PixelFormat.RGBA, PixelFormat.NV12)));

    private final NvencDriver driver;
    /** Asked of the GPU once (it opens a session); a probe is asked on every listing. */
    private volatile Probe probe;
    private volatile Set<Codec> codecs = Set.of();

    public NvencEncoderBackend() {
        this(null);
    }

    /** For tests: a driver loaded from other library names. Null means the system's, loaded on first probe. */
    NvencEncoderBackend(NvencDriver driver) {
        this.driver = driver;
    }

    private NvencDriver driver() {
        return driver != null ? driver : NvencDriver.system();
    }

    @Override
    public String id() {
        return "nvenc";
    }

    @Override
    public Probe probe() {
        Probe known = probe;
        if (known == null) {
            synchronized (this) {
                if (probe == null) {
                    probe = look();
                }
                known = probe;
            }
        }
        return known;
    }

    private Probe look() {
        NvencDriver nvenc = driver();
        if (!nvenc.isAvailable()) {
            return Probe.unavailable(nvenc.unavailableReason().orElseThrow());
        }
        try {
            Set<Codec> found = EnumSet.noneOf(Codec.class);
            for (NvencGuid guid : NvencEncoder.supportedCodecs(nvenc)) {
                found.add(guid == NvencGuid.CODEC_HEVC ? Codec.HEVC : Codec.H264);
            }
            if (found.isEmpty()) {
                return Probe.unavailable("this GPU's NVENC encodes neither H.264 nor HEVC");
            }
            codecs = Set.copyOf(found);
            return Probe.ok();
        } catch (NvencException | RuntimeException e) {
            return Probe.unavailable("NVENC session could not be opened: " + e.getMessage());
        }
    }

    @Override
    public Set<Codec> codecs() {
        return probe().available() ? codecs : Set.of();
    }

    /** HEVC Main 10 only: NVENC has no H.264 High 10. */
    @Override
    public Set<Codec> tenBitCodecs() {
        return codecs().contains(Codec.HEVC) ? Set.of(Codec.HEVC) : Set.of();
    }

    /** The profiles LowLatencyConfig sets: H.264 High, HEVC Main, HEVC Main 10. */
    @Override
    public List<String> profiles() {
        List<String> profiles = new ArrayList<>();
        if (codecs().contains(Codec.H264)) {
            profiles.add("H264 High");
        }
        if (codecs().contains(Codec.HEVC)) {
            profiles.add("HEVC Main");
            profiles.add("HEVC Main 10");
        }
        return List.copyOf(profiles);
    }

    @Override
    public Set<PixelFormat> inputFormats() {
        return INPUT;
    }

    @Override
    public EncoderSession open(EncoderConfig config) throws BackendException {
        Probe now = probe();
        if (!now.available()) {
            throw new BackendException(id() + " is " + now);
        }
        if (!codecs.contains(config.codec())) {
            throw new BackendException(id() + " encodes " + codecs + " here, not " + config.codec());
        }
        if (config.tenBit() && !tenBitCodecs().contains(config.codec())) {
            throw new BackendException(id() + " encodes 10-bit only as HEVC Main 10, not " + config.codec());
        }
        return new NvencEncoderSession(driver(), config);
    }
}
