package io.lumen.protocol.moonlight.impl;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Requests no well-behaved HTTP client would send, over a plain socket. */
final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code request} as is and returns the status line of the reply ("" if the host just closed). */
    static String statusLine(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (IOException closedEarly) {
                // the host may refuse before reading everything; its answer (if any) is still there to read
            }
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
}
