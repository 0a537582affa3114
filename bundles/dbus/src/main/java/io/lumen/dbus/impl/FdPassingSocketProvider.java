package io.lumen.dbus.impl;

import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.spi.message.AbstractInputStreamMessageReader;
import org.freedesktop.dbus.spi.message.AbstractOutputStreamMessageWriter;
import org.freedesktop.dbus.spi.message.IMessageReader;
import org.freedesktop.dbus.spi.message.IMessageWriter;
import org.freedesktop.dbus.spi.message.ISocketProvider;

import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * dbus-java's message reader and writer for an {@link FdPassingSocketChannel}: the descriptors a message carries
 * are handed to the channel before its bytes, and the ones received with a message are claimed after its body.
 * For any other channel it offers nothing, and dbus-java uses its built-in reader and writer.
 */
public final class FdPassingSocketProvider implements ISocketProvider {

    private volatile boolean descriptorsNegotiated;

    @Override
    public IMessageReader createReader(SocketChannel socket) {
        return socket instanceof FdPassingSocketChannel ours ? new Reader(ours, this) : null;
    }

    @Override
    public IMessageWriter createWriter(SocketChannel socket) {
        return socket instanceof FdPassingSocketChannel ours ? new Writer(ours, this) : null;
    }

    @Override
    public void setFileDescriptorSupport(boolean negotiated) {
        descriptorsNegotiated = negotiated;
    }

    @Override
    public boolean isFileDescriptorPassingSupported() {
        return descriptorsNegotiated;
    }

    private static final class Reader extends AbstractInputStreamMessageReader {
        private final FdPassingSocketChannel channel;

        Reader(FdPassingSocketChannel channel, ISocketProvider provider) {
            super(channel, provider);
            this.channel = channel;
        }

        @Override
        protected List<FileDescriptor> readFileDescriptors(SocketChannel socket) {
            return channel.takeReceivedDescriptors().stream().map(FileDescriptor::new).toList();
        }
    }

    private static final class Writer extends AbstractOutputStreamMessageWriter {
        private final FdPassingSocketChannel channel;

        Writer(FdPassingSocketChannel channel, ISocketProvider provider) {
            super(channel, provider);
            this.channel = channel;
        }

        @Override
        protected void writeFileDescriptors(SocketChannel socket, List<FileDescriptor> descriptors) {
            if (descriptors != null && !descriptors.isEmpty()) {
                channel.sendWithNextWrite(descriptors.stream().map(FileDescriptor::getIntFileDescriptor).toList());
            }
        }
    }
}
