package io.lumen.encode.libav.impl;

import io.lumen.api.backend.Probe;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.media.Codec;
import io.lumen.encode.libav.impl.ffm.AvEncoder;
import io.lumen.encode.libav.impl.ffm.AvException;
import io.lumen.encode.libav.impl.ffm.AvLayouts;
import io.lumen.encode.libav.impl.ffm.HwUpload;
import io.lumen.encode.libav.impl.ffm.Libav;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Intel and AMD hardware encoding through libavcodec's VAAPI encoders: pictures are converted to NV12 in system
 * memory, uploaded into the GPU's surfaces and encoded there with CBR, no B-frames, IDR only on request. Needs a
 * DRM render node (/dev/dri/renderD*) the host may open.
 */
abstract class VaapiBackend extends LibavEncoderBackend {

    static final Path DRI = Path.of("/dev/dri");

    VaapiBackend(Libav av, String encoder, Codec codec) {
        super(av, encoder, codec);
    }

    /** The first render node this process may open, if any. */
    static Optional<Path> renderNode() {
        try (Stream<Path> nodes = Files.list(DRI)) {
            return nodes.filter(p -> p.getFileName().toString().startsWith("renderD"))
                    .filter(p -> Files.isReadable(p) && Files.isWritable(p)).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Probe probe() {
        Probe libav = super.probe();
        if (!libav.available()) {
            return libav;
        }
        return renderNode().isPresent() ? Probe.ok()
                : Probe.unavailable("no VAAPI render node (" + DRI + " has no renderD* this user may open)");
    }

    /** 10-bit (P010) surfaces are not wired yet. */
    @Override
    public Set<Codec> tenBitCodecs() {
        return Set.of();
    }

    @Override
    int inputFormat(EncoderConfig config) {
        return AvLayouts.PIX_FMT_NV12;
    }

    @Override
    AvEncoder openEncoder(Libav libav, EncoderConfig config) throws AvException {
        Path node = renderNode().orElseThrow(() -> new AvException("no VAAPI render node"));
        HwUpload surfaces = HwUpload.create(libav, AvLayouts.HWDEVICE_TYPE_VAAPI, node.toString(),
                AvLayouts.PIX_FMT_VAAPI, AvLayouts.PIX_FMT_NV12, config.mode().width(), config.mode().height());
        return AvEncoder.open(libav, encoderName(), config.mode().width(), config.mode().height(), AvLayouts.PIX_FMT_NV12,
                options(config), surfaces);
    }

    @Override
    Map<String, String> options(EncoderConfig config) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("time_base", "1/" + config.mode().fps());
        options.put("rc_mode", "CBR");
        options.put("bf", "0");
        options.put("g", String.valueOf(Integer.MAX_VALUE));
        options.put("slices", String.valueOf(config.slices()));
        options.putAll(rate(config));
        return options;
    }

    @Override
    boolean reconfiguresBitrate() {
        return false;
    }
}
