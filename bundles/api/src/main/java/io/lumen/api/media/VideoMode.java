package io.lumen.api.media;

/** A picture size and refresh rate, as a client asks for it ("1920x1080x60"). */
public record VideoMode(int width, int height, int fps) {

    public VideoMode {
        if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("video size out of range: " + width + "x" + height);
        }
        if (fps <= 0 || fps > 1000) {
            throw new IllegalArgumentException("frame rate out of range: " + fps);
        }
    }

    /** Parses "WxHxFPS" (the Moonlight launch {@code mode} form) or "WxH@FPS". */
    public static VideoMode parse(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("[x@]");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a video mode (want WxHxFPS): " + text);
        }
        try {
            return new VideoMode(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a video mode (want WxHxFPS): " + text, e);
        }
    }

    public long frameIntervalNanos() {
        return 1_000_000_000L / fps;
    }

    @Override
    public String toString() {
        return width + "x" + height + "x" + fps;
    }
}
