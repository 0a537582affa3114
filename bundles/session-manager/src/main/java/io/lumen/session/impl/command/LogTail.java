package io.lumen.session.impl.command;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The end of a log file, and the lines written to it after: what {@code lumen:log} shows. The host's log handler
 * rotates by renaming the full file away and starting a new one under the same name; a follower notices (another
 * file, or a shorter one) and goes on from the new file's start. A line still being written is held back until its
 * newline arrives.
 */
final class LogTail {

    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private Object fileKey;
    private long position;

    private LogTail(Path file, Object fileKey, long position) {
        this.file = file;
        this.fileKey = fileKey;
        this.position = position;
    }

    /** The last {@code count} whole lines of {@code file} (fewer if it has fewer); a follower starts after them. */
    static LogTail open(Path file, int count, List<String> lastLines) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long end = completeLinesEnd(in, in.length());
            lastLines.addAll(last(in, end, count));
            return new LogTail(file, key(file), end);
        }
    }

    /** The whole lines written since the last call (or since {@link #open}). */
    List<String> poll() throws IOException {
        Object key;
        try {
            key = key(file);
        } catch (NoSuchFileException rotating) {
            return List.of(); // between the rename and the new file
        }
        RandomAccessFile opened;
        try {
            opened = new RandomAccessFile(file.toFile(), "r");
        } catch (FileNotFoundException rotating) {
            return List.of();
        }
        try (RandomAccessFile in = opened) {
            long length = in.length();
            if (!Objects.equals(key, fileKey) || length < position) {
                fileKey = key;
                position = 0;
            }
            long end = completeLinesEnd(in, length);
            if (end <= position) {
                return List.of();
            }
            byte[] bytes = new byte[Math.toIntExact(end - position)];
            in.seek(position);
            in.readFully(bytes);
            position = end;
            return lines(bytes);
        }
    }

    private static Object key(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    /** The offset just past the last newline before {@code length}: a line still being written is not shown yet. */
    private static long completeLinesEnd(RandomAccessFile in, long length) throws IOException {
        long pos = length;
        byte[] buffer = new byte[4096];
        while (pos > 0) {
            int n = (int) Math.min(buffer.length, pos);
            in.seek(pos - n);
            in.readFully(buffer, 0, n);
            for (int i = n - 1; i >= 0; i--) {
                if (buffer[i] == '\n') {
                    return pos - n + i + 1;
                }
            }
            pos -= n;
        }
        return 0;
    }

    /** The last {@code count} lines ending at {@code end}, reading backwards a chunk at a time. */
    private static List<String> last(RandomAccessFile in, long end, int count) throws IOException {
        if (count <= 0 || end == 0) {
            return List.of();
        }
        long start = end;
        byte[] tail = new byte[0];
        while (start > 0) {
            int n = (int) Math.min(CHUNK, start);
            start -= n;
            byte[] more = new byte[n + tail.length];
            in.seek(start);
            in.readFully(more, 0, n);
            System.arraycopy(tail, 0, more, n, tail.length);
            tail = more;
            if (newlines(tail) > count) {
                break;
            }
        }
        List<String> lines = lines(tail);
        return start == 0 && lines.size() <= count ? lines : lines.subList(lines.size() - count, lines.size());
    }

    private static int newlines(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Lines of text that ends with a newline. */
    private static List<String> lines(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        lines.removeLast(); // after the last newline
        return lines;
    }
}
