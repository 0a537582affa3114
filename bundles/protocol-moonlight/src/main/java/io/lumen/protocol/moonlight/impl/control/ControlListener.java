package io.lumen.protocol.moonlight.impl.control;

/** What the control stream tells the rest of a session; called on the control stream's thread, must not block. */
public interface ControlListener {

    /** The client wants a keyframe: its start, or ({@code afterLoss}) an IDR request because it lost a frame. */
    void keyframeRequested(String why, boolean afterLoss);

    /**
     * The client lost frames {@code firstFrame} to {@code lastFrame} (wire frame indexes) and, its decoder able to
     * invalidate references, waits for a frame that heals without them.
     */
    void framesLost(long firstFrame, long lastFrame);

    /** The client's report on a frame that lost shards. */
    void frameFecStatus(FrameFecStatus status);

    /**
     * An input packet (the payload of a 0x0206 message), still undecoded, from a datagram that arrived at
     * {@code arrivalNanos} ({@code System.nanoTime()}).
     */
    void input(byte[] packet, long arrivalNanos);
}
