package io.lumen.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Decodes an Annex-B file with the real ffmpeg CLI, to luma planes: the check that what lumen encodes is a stream
 * any player takes. Decoder complaints fail the decode, so a damaged stream cannot pass unnoticed. Output is
 * yuv420p, the decoder's own format, and luma is cut from it: asking ffmpeg for "gray" would stretch limited-range
 * samples to full range and hide the encoder's real values.
 */
public final class FfmpegDecoder {

    private FfmpegDecoder() {
    }

    /** Decodes {@code file} ("h264" or "hevc", 8-bit 4:2:0) to luma planes. */
    public static DecodedVideo decode(Path file, String format) throws IOException {
        int[] size = probeSize(file, format);
        Result result = run(List.of("ffmpeg", "-v", "error", "-nostdin", "-f", format, "-i", file.toString(),
                "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"));
        if (result.exit != 0 || !result.stderr.isBlank()) {
            throw new IOException("ffmpeg could not decode " + file + " cleanly (exit " + result.exit + "): " + result.stderr);
        }
        int plane = size[0] * size[1];
        int picture = plane + 2 * ((size[0] + 1) / 2) * ((size[1] + 1) / 2);
        if (result.stdout.length % picture != 0) {
            throw new IOException("ffmpeg returned " + result.stdout.length + " bytes, not whole " + size[0] + "x" + size[1] + " pictures");
        }
        List<byte[]> frames = new ArrayList<>();
        for (int at = 0; at < result.stdout.length; at += picture) {
            frames.add(java.util.Arrays.copyOfRange(result.stdout, at, at + plane));
        }
        return new DecodedVideo(size[0], size[1], frames);
    }

    /** Width and height of the first video stream, from ffprobe. */
    public static int[] probeSize(Path file, String format) throws IOException {
        Result result = run(List.of("ffprobe", "-v", "error", "-f", format, "-select_streams", "v:0",
                "-show_entries", "stream=width,height", "-of", "csv=p=0:s=x", file.toString()));
        String text = new String(result.stdout, StandardCharsets.US_ASCII).trim();
        if (result.exit != 0 || !text.matches("\\d+x\\d+")) {
            throw new IOException("ffprobe found no picture size in " + file + ": " + text + " " + result.stderr);
        }
        String[] parts = text.split("x");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private record Result(int exit, byte[] stdout, String stderr) {
    }

    private static Result run(List<String> command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IOException(command.getFirst() + " not found: install ffmpeg (bash .ci/run does)", e);
        }
        process.getOutputStream().close();
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] stdout = readAll(process.getInputStream());
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish within 120 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + command.getFirst(), e);
        }
        return new Result(process.exitValue(), stdout, new String(stderr.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
