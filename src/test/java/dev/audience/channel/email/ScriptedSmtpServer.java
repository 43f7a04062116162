package dev.audience.channel.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough of an SMTP server, on a loopback port, to make a relay misbehave on cue: each command verb
 * (EHLO, MAIL, RCPT, DATA, and "." for the end of the message data) answers with a scripted reply, or
 * {@link #DROP}s the connection, or stays {@link #SILENT} so the client times out. Everything it accepted
 * and every connection it saw is recorded for assertions. Built with {@code pipelining}, it offers PIPELINING
 * (RFC 2920) and records which commands arrived before the reply to the one before them. Like a real relay, it
 * refuses DATA (554) in a transaction whose MAIL FROM or RCPT TO it refused.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
    /** Instead of replying, close the connection. */
    public static final String DROP = "<drop>";
    /** Never reply: the client's read timeout fires. */
    public static final String SILENT = "<silent>";

    private static final Map<String, String> DEFAULTS = Map.of(
            "EHLO", "250-scripted.test\r\n250 8BITMIME",
            "HELO", "250 scripted.test",
            "MAIL", "250 2.1.0 sender ok",
            "RCPT", "250 2.1.5 recipient ok",
            "DATA", "354 end data with <CR><LF>.<CR><LF>",
            ".", "250 2.0.0 queued",
            "RSET", "250 2.0.0 reset",
            "NOOP", "250 2.0.0 ok",
            "QUIT", "221 2.0.0 bye");

    private final ServerSocket server;
    private final Map<String, String> always = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> once = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final boolean pipelining;
    private final List<String> pipelined = new CopyOnWriteArrayList<>();
    private volatile int holdAfter = Integer.MAX_VALUE;
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.Semaphore holding = new java.util.concurrent.Semaphore(0);

    public ScriptedSmtpServer() throws IOException {
        this(false);
    }

    public ScriptedSmtpServer(boolean pipelining) throws IOException {
        this.pipelining = pipelining;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("scripted-smtp-accept").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, answer {@code verb} with {@code reply} (a full reply line, {@link #DROP} or {@link #SILENT}). */
    public ScriptedSmtpServer reply(String verb, String reply) {
        always.put(verb, reply);
        return this;
    }

    /** Answer the next {@code verb} with {@code reply}, later ones as before. */
    public ScriptedSmtpServer replyOnce(String verb, String reply) {
        once.computeIfAbsent(verb, v -> new ConcurrentLinkedDeque<>()).add(reply);
        return this;
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Every command line received, in order. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** Command lines the client sent before it had the reply to the command before them (pipelined). */
    public List<String> pipelined() {
        return List.copyOf(pipelined);
    }

    /** The data of every message this server confirmed with a 2xx reply. */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    /**
     * Once {@code count} messages are accepted, each further message is accepted (it counts as delivered) but the
     * reply to its final dot is held back until {@link #releaseReplies()}: the client is left waiting for it, as when
     * a sender is killed between a relay's acceptance and its reading of the reply.
     */
    public ScriptedSmtpServer holdRepliesAfter(int count) {
        holdAfter = count;
        return this;
    }

    /** Waits until a reply is being held back on {@code connections} connections; false when {@code millis} pass first. */
    public boolean awaitHolding(int connections, long millis) throws InterruptedException {
        return holding.tryAcquire(connections, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Lets the held replies go, and every later one. */
    public void releaseReplies() {
        holdAfter = Integer.MAX_VALUE;
        released.countDown();
    }

    private synchronized void accept(String data) {
        accepted.add(data);
        notifyAll();
    }

    /** Waits until more than {@code count} messages are accepted, or {@code millis} pass. */
    public synchronized void awaitAccepted(int count, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        for (long left = millis; accepted.size() <= count && left > 0; left = (end - System.nanoTime()) / 1_000_000) wait(left);
    }

    private void hold() {
        holding.release();
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes every client connection now, as a relay does with idle ones. */
    public void dropConnections() throws IOException {
        for (Socket s : open) s.close();
    }

    @Override
    public void close() throws IOException {
        releaseReplies();
        server.close();
        dropConnections();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true); // each reply its own segment at once, as pipelined replies must not wait for an ACK
                connections.incrementAndGet();
                open.add(s);
                Thread.ofPlatform().daemon().name("scripted-smtp-" + connections.get()).start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            write(out, "220 scripted.test ESMTP ready");
            String line;
            boolean early = false;
            boolean envelopeRefused = false;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                if (early) pipelined.add(line);
                String verb = verb(line);
                if (verb.equals("MAIL") || verb.equals("RSET")) envelopeRefused = false;
                String reply = verb.equals("DATA") && envelopeRefused && !scripted(verb) ? "554 5.5.1 no valid recipients" : replyFor(verb);
                if (verb.equals("EHLO") && pipelining && reply.startsWith("250")) reply = offerPipelining(reply);
                if ((verb.equals("MAIL") || verb.equals("RCPT")) && !reply.startsWith("2")) envelopeRefused = true;
                early = in.ready(); // the next command is here before this reply went out
                if (!answer(socket, out, reply)) return;
                if (verb.equals("QUIT")) return;
                if (verb.equals("DATA") && reply.startsWith("354")) {
                    String data = readData(in);
                    if (data == null) return;
                    String end = replyFor(".");
                    if (end.startsWith("2")) accept(data); // before replying: the client may look at once
                    if (end.startsWith("2") && accepted.size() > holdAfter) hold();
                    early = in.ready();
                    if (!answer(socket, out, end)) return;
                }
            }
        } catch (IOException e) {
            // The client went away or the test dropped us: the conversation is over either way.
        } finally {
            open.remove(socket);
        }
    }

    /** Sends a reply; false when the script says to drop the connection or to fall silent. */
    private static boolean answer(Socket socket, OutputStream out, String reply) throws IOException {
        if (reply.equals(DROP)) {
            socket.close();
            return false;
        }
        if (reply.equals(SILENT)) {
            // Keep the socket open and unanswered; the client times out and closes it.
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            return false;
        }
        write(out, reply);
        return true;
    }

    private boolean scripted(String verb) {
        Deque<String> queued = once.get(verb);
        return always.containsKey(verb) || (queued != null && !queued.isEmpty());
    }

    private String replyFor(String verb) {
        Deque<String> queued = once.get(verb);
        String next = queued == null ? null : queued.poll();
        if (next != null) return next;
        return always.getOrDefault(verb, DEFAULTS.getOrDefault(verb, "502 5.5.1 command not implemented"));
    }

    /** An EHLO reply with PIPELINING among its extensions (after the greeting line). */
    private static String offerPipelining(String ehlo) {
        int end = ehlo.indexOf("\r\n");
        if (end < 0) return "250-" + ehlo.substring(4) + "\r\n250 PIPELINING";
        return ehlo.substring(0, end) + "\r\n250-PIPELINING" + ehlo.substring(end);
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals(".")) return data.toString();
            data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return null;
    }

    private static String verb(String line) {
        int space = line.indexOf(' ');
        String first = space < 0 ? line : line.substring(0, space);
        int colon = first.indexOf(':');
        return (colon < 0 ? first : first.substring(0, colon)).toUpperCase(Locale.ROOT);
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
