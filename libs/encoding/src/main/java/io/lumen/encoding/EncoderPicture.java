package io.lumen.encoding;

import java.lang.foreign.MemorySegment;

/** The input picture of an encoder, whose planes a {@link PictureConverter} fills. */
public interface EncoderPicture {

    /** Plane {@code index}, from row {@code row} of that plane on. */
    MemorySegment plane(int index, int row);

    /** Bytes between rows of plane {@code index}. */
    int linesize(int index);

    /** Makes the planes safe to overwrite (an encoder that still holds the previous picture copies it first). */
    void makeWritable() throws EncodingException;
}
