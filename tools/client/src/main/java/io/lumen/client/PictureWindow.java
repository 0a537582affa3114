package io.lumen.client;

import io.lumen.encode.libav.impl.ffm.AvDecoder;
import io.lumen.encoding.EncodingException;
import io.lumen.encode.libav.impl.ffm.AvLayouts;
import io.lumen.encoding.Scaler;
import io.lumen.encoding.Swscale;

import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.GraphicsEnvironment;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The decoded picture in a plain Swing window: libswscale turns it into 32-bit RGB in a native buffer, which is
 * copied into the image the window paints. Closing the window ends the stream.
 */
final class PictureWindow implements AutoCloseable {

    private final JFrame frame;
    private final Canvas canvas = new Canvas();
    private Scaler scaler;
    private Arena arena;
    private MemorySegment rgb;
    private int width;
    private int height;
    private int format = -1;

    private PictureWindow(JFrame frame) {
        this.frame = frame;
    }

    /** Opens the window; {@code closed} runs when the user closes it. */
    static PictureWindow open(String title, int width, int height, Runnable closed) throws IOException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IOException("-window needs a display, and there is none here (DISPLAY is unset)");
        }
        JFrame frame = new JFrame(title);
        PictureWindow window = new PictureWindow(frame);
        try {
            SwingUtilities.invokeAndWait(() -> {
                frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
                frame.addWindowListener(new WindowAdapter() {
                    @Override
                    public void windowClosed(WindowEvent e) {
                        closed.run();
                    }
                });
                window.canvas.setPreferredSize(new Dimension(width, height));
                frame.add(window.canvas);
                frame.pack();
                frame.setVisible(true);
            });
        } catch (Exception e) {
            throw new IOException("cannot open a window: " + e, e);
        }
        return window;
    }

    void show(AvDecoder.Picture picture) throws EncodingException {
        if (picture.width() != width || picture.height() != height || picture.pixelFormat() != format) {
            resize(picture.width(), picture.height(), picture.pixelFormat());
        }
        scaler.scale(new MemorySegment[] {picture.plane(0), picture.plane(1), picture.plane(2)},
                new int[] {picture.linesize(0), picture.linesize(1), picture.linesize(2)},
                new MemorySegment[] {rgb}, new int[] {width * 4});
        BufferedImage image = canvas.image;
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        // BGR0 bytes read as little-endian ints are 0x00RRGGBB, what TYPE_INT_RGB holds
        MemorySegment.copy(rgb, ValueLayout.JAVA_INT, 0, pixels, 0, width * height);
        canvas.repaint();
    }

    private void resize(int newWidth, int newHeight, int newFormat) throws EncodingException {
        closeScaler();
        scaler = Scaler.open(Swscale.system(), newWidth, newHeight, newFormat, AvLayouts.PIX_FMT_BGR0);
        arena = Arena.ofShared();
        rgb = arena.allocate((long) newWidth * newHeight * 4);
        width = newWidth;
        height = newHeight;
        format = newFormat;
        canvas.image = new BufferedImage(newWidth, newHeight, BufferedImage.TYPE_INT_RGB);
    }

    private void closeScaler() {
        if (scaler != null) {
            scaler.close();
            arena.close();
            scaler = null;
        }
    }

    /** Paints the latest picture, scaled to the window. */
    private static final class Canvas extends JComponent {
        volatile BufferedImage image;

        @Override
        protected void paintComponent(Graphics g) {
            BufferedImage current = image;
            if (current != null) {
                g.drawImage(current, 0, 0, getWidth(), getHeight(), null);
            }
        }
    }

    @Override
    public void close() {
        SwingUtilities.invokeLater(frame::dispose);
        closeScaler();
    }
}
