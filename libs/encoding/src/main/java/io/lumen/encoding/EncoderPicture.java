package io.lumen.encoding;

import java.lang.foreign.MemorySegment;

/** The input picture of an encoder, whose planes a {@link PictureConverter} fills. */
public interface EncoderPicture {

    /** Where the encoder's own picture struct lists the planes and their strides. */
    PlaneTable planes();

    /** Plane {@code index}, from row {@code row} of that plane on. */
    default MemorySegment plane(int index, int row) {
        return planes().plane(index, row);
    }

    /** Bytes between rows of plane {@code index}. */
    default int linesize(int index) {
        return planes().linesize(index);
    }

    /** Makes the planes safe to overwrite (an encoder that still holds the previous picture copies it first). */
    void makeWritable() throws EncodingException;
}
