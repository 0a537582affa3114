package io.lumen.tools.lossharness;

import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;

/** One point of the sweep: {@code frames} frames of {@code frameBytes} sent with a scheme at a FEC percentage, through a loss model. */
record Cell(VideoFecScheme scheme, int frameBytes, int fecPercent, LossSpec loss, int frames) {
}
