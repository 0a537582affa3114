package io.lumen.protocol.moonlight.impl;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Requests no well-behaved HTTP client would send, over a plain socket. */
final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code request} as is and returns the status line of the reply ("" if the host just closed). */
    static String statusLine(int port, String request) throws IOException {
        try (Socket socket = sent(port, request)) {
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            try {
                int c;
                while ((c = in.read()) != -1 && c != '\n') {
                    line.append((char) c);
                }
            } catch (IOException reset) {
                // a reset after the reply or instead of one
            }
            return line.toString().strip();
        }
    }

    /** Sends {@code request} as is and returns the whole reply as text ("" if the host just closed). */
    static String reply(int port, String request) throws IOException {
        try (Socket socket = sent(port, request)) {
            java.io.ByteArrayOutputStream reply = new java.io.ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(reply);
            } catch (IOException reset) {
                // a reset after the reply or instead of one
            }
            return reply.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static Socket sent(int port, String request) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        try {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (IOException closedEarly) {
            // the host may refuse before reading everything; its answer (if any) is still there to read
        }
        return socket;
    }

    /**
     * Connects to the loopback host from {@code from} (another 127.x address stands for another machine on the
     * LAN: the host sees a different peer address) and sends {@code GET target}; the socket is left open.
     */
    static Socket get(InetAddress from, int port, String target) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The whole reply to {@code GET target} sent from {@code from} (the host closes after replying). */
    static String reply(InetAddress from, int port, String target) throws IOException {
        try (Socket socket = get(from, port, target)) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
