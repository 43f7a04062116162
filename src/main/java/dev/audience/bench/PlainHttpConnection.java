package dev.audience.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection for a benchmark's client, written to and read from directly: a POST is
 * one gathering write of its head and a body waiting in a direct buffer, and the answer is read into one
 * reused buffer. The client shares the server's process in the ingest benchmark, so its CPU counts against
 * the server's figure; java.net.http's client spent three times as much per request. Answers with a
 * Content-Length or chunked; not a general client (no redirects, no TLS, one request at a time).
 */
final class PlainHttpConnection implements AutoCloseable {
    /** An answer: its status and its body as text. */
    record Answer(int status, String body) {}

    private final SocketChannel channel;
    private final String host;
    private ByteBuffer in = ByteBuffer.allocate(64 * 1024);

    PlainHttpConnection(String host, int port) throws IOException {
        this.host = host;
        this.channel = SocketChannel.open(new InetSocketAddress(host, port));
        channel.socket().setTcpNoDelay(true);
    }

    Answer post(String path, String authorization, ByteBuffer body) throws IOException {
        ByteBuffer content = body.duplicate();
        ByteBuffer head = ByteBuffer.wrap(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/json\r\nContent-Length: " + content.remaining() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        ByteBuffer[] out = {head, content};
        while (head.hasRemaining() || content.hasRemaining()) channel.write(out);
        return read();
    }

    private Answer read() throws IOException {
        in.clear();
        int headEnd;
        while ((headEnd = indexOf(in, "\r\n\r\n")) < 0) fill();
        String head = new String(in.array(), 0, headEnd, StandardCharsets.US_ASCII);
        int status = Integer.parseInt(head.substring(9, 12));
        int at = headEnd + 4;
        String lower = head.toLowerCase(java.util.Locale.ROOT) + "\r\n"; // every header line ends with CRLF
        int length = lower.indexOf("\r\ncontent-length:");
        StringBuilder text = new StringBuilder();
        if (length >= 0) {
            int n = Integer.parseInt(lower.substring(length + 17, lower.indexOf("\r\n", length + 2)).trim());
            while (in.position() < at + n) fill();
            text.append(new String(in.array(), at, n, StandardCharsets.UTF_8));
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
            while (true) {
                int lineEnd;
                while ((lineEnd = indexOf(in, at, "\r\n")) < 0) fill();
                int size = Integer.parseInt(new String(in.array(), at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
                at = lineEnd + 2;
                while (in.position() < at + size + 2) fill();
                if (size == 0) break;
                text.append(new String(in.array(), at, size, StandardCharsets.UTF_8));
                at += size + 2;
            }
        } else {
            throw new IOException("an answer without Content-Length or chunked body: " + head);
        }
        return new Answer(status, text.toString());
    }

    private void fill() throws IOException {
        if (!in.hasRemaining()) in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
        if (channel.read(in) < 0) throw new IOException("the server closed the connection");
    }

    private static int indexOf(ByteBuffer buffer, String what) {
        return indexOf(buffer, 0, what);
    }

    private static int indexOf(ByteBuffer buffer, int from, String what) {
        byte[] a = buffer.array();
        outer:
        for (int i = from; i <= buffer.position() - what.length(); i++) {
            for (int j = 0; j < what.length(); j++) if (a[i + j] != what.charAt(j)) continue outer;
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
