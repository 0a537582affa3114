package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.capture.pipewire.impl.spa.SpaMeta;

import java.lang.foreign.MemorySegment;
import java.util.OptionalLong;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A dequeued {@code pw_buffer}: its {@code spa_buffer}'s datas and metas. Valid until it is queued back with
 * {@link PwStream#queue}; nothing read from it may be kept past that.
 */
@SuppressWarnings("restricted") // the buffer's arrays are C pointers sized by its own counts
public final class PwBuffer {

    private static final long META_TYPE = PwLayouts.offset(PwLayouts.SPA_META, "type");
    private static final long META_SIZE = PwLayouts.offset(PwLayouts.SPA_META, "size");
    private static final long META_DATA = PwLayouts.offset(PwLayouts.SPA_META, "data");
    private static final long HEADER_PTS = PwLayouts.offset(PwLayouts.SPA_META_HEADER, "pts");
    private static final long DATA_TYPE = PwLayouts.offset(PwLayouts.SPA_DATA, "type");
    private static final long DATA_FLAGS = PwLayouts.offset(PwLayouts.SPA_DATA, "flags");
    private static final long DATA_FD = PwLayouts.offset(PwLayouts.SPA_DATA, "fd");
    private static final long DATA_MAPOFFSET = PwLayouts.offset(PwLayouts.SPA_DATA, "mapoffset");
    private static final long DATA_MAXSIZE = PwLayouts.offset(PwLayouts.SPA_DATA, "maxsize");
    private static final long DATA_DATA = PwLayouts.offset(PwLayouts.SPA_DATA, "data");
    private static final long DATA_CHUNK = PwLayouts.offset(PwLayouts.SPA_DATA, "chunk");
    private static final long CHUNK_OFFSET = PwLayouts.offset(PwLayouts.SPA_CHUNK, "offset");
    private static final long CHUNK_SIZE = PwLayouts.offset(PwLayouts.SPA_CHUNK, "size");
    private static final long CHUNK_STRIDE = PwLayouts.offset(PwLayouts.SPA_CHUNK, "stride");
    private static final long CHUNK_FLAGS = PwLayouts.offset(PwLayouts.SPA_CHUNK, "flags");

    private final MemorySegment pwBuffer;
    private final MemorySegment spaBuffer;

    PwBuffer(MemorySegment pwBuffer) {
        this.pwBuffer = pwBuffer.reinterpret(PwLayouts.PW_BUFFER.byteSize());
        this.spaBuffer = this.pwBuffer.get(PwLayouts.POINTER_LAYOUT, PwLayouts.offset(PwLayouts.PW_BUFFER, "buffer"))
                .reinterpret(PwLayouts.SPA_BUFFER.byteSize());
    }

    /** The {@code pw_buffer} pointer, what queue takes back. */
    MemorySegment address() {
        return pwBuffer;
    }

    public int dataCount() {
        return spaBuffer.get(JAVA_INT, PwLayouts.BUFFER_N_DATAS);
    }

    /** The {@code index}th data plane (BGRx and the other packed formats have one). */
    public BufferData data(int index) {
        int count = dataCount();
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("data " + index + " of " + count);
        }
        MemorySegment data = spaBuffer.get(PwLayouts.POINTER_LAYOUT, PwLayouts.BUFFER_DATAS)
                .reinterpret(count * PwLayouts.SPA_DATA.byteSize())
                .asSlice(index * PwLayouts.SPA_DATA.byteSize(), PwLayouts.SPA_DATA.byteSize());
        int maxSize = data.get(JAVA_INT, DATA_MAXSIZE);
        MemorySegment mapped = data.get(PwLayouts.POINTER_LAYOUT, DATA_DATA);
        MemorySegment chunk = data.get(PwLayouts.POINTER_LAYOUT, DATA_CHUNK).reinterpret(PwLayouts.SPA_CHUNK.byteSize());
        return new BufferData(data.get(JAVA_INT, DATA_TYPE), data.get(JAVA_INT, DATA_FLAGS), data.get(JAVA_LONG, DATA_FD),
                data.get(JAVA_INT, DATA_MAPOFFSET), maxSize,
                mapped.address() == 0 ? MemorySegment.NULL : mapped.reinterpret(Integer.toUnsignedLong(maxSize)),
                chunk.get(JAVA_INT, CHUNK_OFFSET), chunk.get(JAVA_INT, CHUNK_SIZE), chunk.get(JAVA_INT, CHUNK_STRIDE),
                chunk.get(JAVA_INT, CHUNK_FLAGS));
    }

    /** The producer's presentation time (ns) from the buffer's {@code spa_meta_header}, if it carries one. */
    public OptionalLong pts() {
        int count = spaBuffer.get(JAVA_INT, PwLayouts.BUFFER_N_METAS);
        MemorySegment metas = spaBuffer.get(PwLayouts.POINTER_LAYOUT, PwLayouts.BUFFER_METAS)
                .reinterpret(count * PwLayouts.SPA_META.byteSize());
        for (int i = 0; i < count; i++) {
            long at = i * PwLayouts.SPA_META.byteSize();
            if (metas.get(JAVA_INT, at + META_TYPE) == SpaMeta.HEADER
                    && Integer.toUnsignedLong(metas.get(JAVA_INT, at + META_SIZE)) >= PwLayouts.SPA_META_HEADER.byteSize()) {
                MemorySegment header = metas.get(PwLayouts.POINTER_LAYOUT, at + META_DATA)
                        .reinterpret(PwLayouts.SPA_META_HEADER.byteSize());
                return header.address() == 0 ? OptionalLong.empty() : OptionalLong.of(header.get(JAVA_LONG, HEADER_PTS));
            }
        }
        return OptionalLong.empty();
    }
}
