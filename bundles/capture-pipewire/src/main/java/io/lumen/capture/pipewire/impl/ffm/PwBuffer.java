package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.capture.pipewire.impl.spa.SpaMeta;

import java.lang.foreign.MemorySegment;
import java.util.OptionalLong;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A dequeued {@code pw_buffer}: its {@code spa_buffer}'s datas and metas, read by a consumer and written by a
 * producer (its memory when it allocates, then per frame the chunk and the header). Valid until it is queued back
 * with {@link PwStream#queue}; nothing read from it may be kept past that.
 */
@SuppressWarnings("restricted") // the buffer's arrays are C pointers sized by its own counts
public final class PwBuffer {

    private static final long META_TYPE = PwLayouts.offset(PwLayouts.SPA_META, "type");
    private static final long META_SIZE = PwLayouts.offset(PwLayouts.SPA_META, "size");
    private static final long META_DATA = PwLayouts.offset(PwLayouts.SPA_META, "data");
    private static final long HEADER_FLAGS = PwLayouts.offset(PwLayouts.SPA_META_HEADER, "flags");
    private static final long HEADER_OFFSET = PwLayouts.offset(PwLayouts.SPA_META_HEADER, "offset");
    private static final long HEADER_PTS = PwLayouts.offset(PwLayouts.SPA_META_HEADER, "pts");
    private static final long HEADER_DTS_OFFSET = PwLayouts.offset(PwLayouts.SPA_META_HEADER, "dts_offset");
    private static final long HEADER_SEQ = PwLayouts.offset(PwLayouts.SPA_META_HEADER, "seq");
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
        MemorySegment data = spaData(index);
        int maxSize = data.get(JAVA_INT, DATA_MAXSIZE);
        MemorySegment mapped = data.get(PwLayouts.POINTER_LAYOUT, DATA_DATA);
        MemorySegment chunk = chunk(data);
        return new BufferData(data.get(JAVA_INT, DATA_TYPE), data.get(JAVA_INT, DATA_FLAGS), data.get(JAVA_LONG, DATA_FD),
                data.get(JAVA_INT, DATA_MAPOFFSET), maxSize,
                mapped.address() == 0 ? MemorySegment.NULL : mapped.reinterpret(Integer.toUnsignedLong(maxSize)),
                chunk.get(JAVA_INT, CHUNK_OFFSET), chunk.get(JAVA_INT, CHUNK_SIZE), chunk.get(JAVA_INT, CHUNK_STRIDE),
                chunk.get(JAVA_INT, CHUNK_FLAGS));
    }

    /**
     * Gives data plane {@code index} memory the producer allocated ({@link PwStream.BufferAllocation#STREAM}, in
     * {@link PwStream.Events#addBuffer}): {@code type} a {@link io.lumen.capture.pipewire.impl.spa.SpaData} kind,
     * {@code fd} its file (MemFd, DmaBuf) or -1, and {@code mapped} where this process reads and writes it. The
     * memory stays the producer's: it frees it in {@link PwStream.Events#removeBuffer}.
     */
    public void attachMemory(int index, int type, long fd, int mapOffset, MemorySegment mapped) {
        if (mapped.byteSize() > Integer.toUnsignedLong(-1)) {
            throw new IllegalArgumentException("a spa_data holds at most 4 GiB, not " + mapped.byteSize());
        }
        MemorySegment data = spaData(index);
        data.set(JAVA_INT, DATA_TYPE, type);
        data.set(JAVA_INT, DATA_FLAGS, PwLayouts.DATA_FLAG_READABLE | PwLayouts.DATA_FLAG_WRITABLE);
        data.set(JAVA_LONG, DATA_FD, fd);
        data.set(JAVA_INT, DATA_MAPOFFSET, mapOffset);
        data.set(JAVA_INT, DATA_MAXSIZE, (int) mapped.byteSize());
        data.set(PwLayouts.POINTER_LAYOUT, DATA_DATA, mapped);
    }

    /** Says where the picture lies in data plane {@code index}: what a consumer reads as the chunk. */
    public void writeChunk(int index, int offset, int size, int stride) {
        MemorySegment chunk = chunk(spaData(index));
        chunk.set(JAVA_INT, CHUNK_OFFSET, offset);
        chunk.set(JAVA_INT, CHUNK_SIZE, size);
        chunk.set(JAVA_INT, CHUNK_STRIDE, stride);
        chunk.set(JAVA_INT, CHUNK_FLAGS, 0);
    }

    /**
     * Stamps the buffer's {@code spa_meta_header}: {@code pts} in ns, {@code seq} the frame's number, no flags;
     * false when the buffer has no header (the Meta param was not agreed).
     */
    public boolean writeHeader(long pts, long seq) {
        MemorySegment header = header();
        if (header.address() == 0) {
            return false;
        }
        header.set(JAVA_INT, HEADER_FLAGS, 0);
        header.set(JAVA_INT, HEADER_OFFSET, 0);
        header.set(JAVA_LONG, HEADER_PTS, pts);
        header.set(JAVA_LONG, HEADER_DTS_OFFSET, 0);
        header.set(JAVA_LONG, HEADER_SEQ, seq);
        return true;
    }

    /** The producer's presentation time (ns) from the buffer's {@code spa_meta_header}, if it carries one. */
    public OptionalLong pts() {
        MemorySegment header = header();
        return header.address() == 0 ? OptionalLong.empty() : OptionalLong.of(header.get(JAVA_LONG, HEADER_PTS));
    }

    private MemorySegment spaData(int index) {
        int count = dataCount();
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("data " + index + " of " + count);
        }
        return spaBuffer.get(PwLayouts.POINTER_LAYOUT, PwLayouts.BUFFER_DATAS)
                .reinterpret(count * PwLayouts.SPA_DATA.byteSize())
                .asSlice(index * PwLayouts.SPA_DATA.byteSize(), PwLayouts.SPA_DATA.byteSize());
    }

    private static MemorySegment chunk(MemorySegment spaData) {
        return spaData.get(PwLayouts.POINTER_LAYOUT, DATA_CHUNK).reinterpret(PwLayouts.SPA_CHUNK.byteSize());
    }

    /** The buffer's {@code spa_meta_header}, or NULL when it has none (or one too small to be one). */
    private MemorySegment header() {
        int count = spaBuffer.get(JAVA_INT, PwLayouts.BUFFER_N_METAS);
        MemorySegment metas = spaBuffer.get(PwLayouts.POINTER_LAYOUT, PwLayouts.BUFFER_METAS)
                .reinterpret(count * PwLayouts.SPA_META.byteSize());
        for (int i = 0; i < count; i++) {
            long at = i * PwLayouts.SPA_META.byteSize();
            if (metas.get(JAVA_INT, at + META_TYPE) == SpaMeta.HEADER
                    && Integer.toUnsignedLong(metas.get(JAVA_INT, at + META_SIZE)) >= PwLayouts.SPA_META_HEADER.byteSize()) {
                MemorySegment header = metas.get(PwLayouts.POINTER_LAYOUT, at + META_DATA);
                return header.address() == 0 ? MemorySegment.NULL : header.reinterpret(PwLayouts.SPA_META_HEADER.byteSize());
            }
        }
        return MemorySegment.NULL;
    }
}
