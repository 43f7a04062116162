package dev.audience.cluster;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on a loopback port that accepts everything and counts, per recipient, the messages whose
 * data it acknowledged with 250 (what a relay would then deliver; a message whose connection closed before
 * its final dot is not). It keeps no message bodies, so a
 * hundred thousand messages cost a map entry each. {@link #awaitTotal} waits on the count, never sleeps.
 */
final class CountingSmtpServer implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, AtomicInteger> perRecipient = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final Object arrived = new Object();

    CountingSmtpServer() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("counting-smtp-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    int total() {
        return total.get();
    }

    /** Messages acknowledged per recipient address. */
    Map<String, Integer> perRecipient() {
        Map<String, Integer> out = new java.util.HashMap<>();
        perRecipient.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Waits until at least {@code n} messages were acknowledged, or {@code millis} pass; true when they were. */
    boolean awaitTotal(int n, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        synchronized (arrived) {
            while (total.get() < n) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) return false;
                arrived.wait(left);
            }
        }
        return true;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> session(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 counting.test ESMTP");
            String rcpt = null;
            for (String line = readLine(in); line != null; line = readLine(in)) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO" -> reply(out, "250-counting.test\r\n250 8BITMIME");
                    case "HELO" -> reply(out, "250 counting.test");
                    case "MAIL" -> {
                        rcpt = null;
                        reply(out, "250 2.1.0 ok");
                    }
                    case "RCPT" -> {
                        int lt = line.indexOf('<');
                        int gt = line.indexOf('>', lt + 1);
                        rcpt = lt >= 0 && gt > lt ? line.substring(lt + 1, gt) : line.substring(8).strip();
                        reply(out, "250 2.1.5 ok");
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        String d = readLine(in);
                        while (d != null && !d.equals(".")) d = readLine(in); // the message itself is not kept
                        // Cut off before its final dot, a message is not delivered (RFC 5321 3.8): not counted.
                        if (d == null) return;
                        if (rcpt != null) count(rcpt);
                        reply(out, "250 2.0.0 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "250 2.0.0 ok"); // RSET, NOOP
                }
            }
        } catch (IOException e) {
            // the client went away (a node was killed): nothing to count
        }
    }

    private void count(String rcpt) {
        perRecipient.computeIfAbsent(rcpt, k -> new AtomicInteger()).incrementAndGet();
        total.incrementAndGet();
        synchronized (arrived) {
            arrived.notifyAll();
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
