package io.lumen.protocol.moonlight.impl.video;

import java.util.Arrays;

/**
 * The session's frame number of each of the last frames sent, by wire frame index: the client names the frames it
 * lost by index, the session by its own numbers. Written on the encode thread, read on the control thread.
 */
final class SentFrameNumbers {

    private final int[] indexes;
    private final long[] numbers;

    SentFrameNumbers(int kept) {
        indexes = new int[kept];
        numbers = new long[kept];
        Arrays.fill(indexes, -1);
    }

    synchronized void put(int frameIndex, long frameNumber) {
        int slot = Math.floorMod(frameIndex, indexes.length);
        indexes[slot] = frameIndex;
        numbers[slot] = frameNumber;
    }

    /** -1 when the frame was not sent or is too old to remember. */
    synchronized long numberOf(int frameIndex) {
        int slot = Math.floorMod(frameIndex, indexes.length);
        return indexes[slot] == frameIndex ? numbers[slot] : -1;
    }
}
