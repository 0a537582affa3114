package io.lumen.api.input;

/**
 * The pointer is at a point of the client's view of the stream (desktop use, touch screens acting as a mouse).
 * The view is {@code referenceWidth} by {@code referenceHeight}, in whatever units the client chose (window
 * pixels, video pixels); the host scales: {@code hostX = x * (screenWidth - 1) / (referenceWidth - 1)}, so both
 * edges are reachable.
 *
 * @param sessionId       the session whose client sent it
 * @param x               0..referenceWidth-1, from the left edge
 * @param y               0..referenceHeight-1, from the top edge
 * @param referenceWidth  2..32768
 * @param referenceHeight 2..32768
 */
public record MousePosition(String sessionId, int x, int y, int referenceWidth, int referenceHeight)
        implements InputEvent {

    public MousePosition {
        Check.session(sessionId);
        Check.range("reference width", referenceWidth, 2, 32768);
        Check.range("reference height", referenceHeight, 2, 32768);
        Check.range("x", x, 0, referenceWidth - 1);
        Check.range("y", y, 0, referenceHeight - 1);
    }
}
