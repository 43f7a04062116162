package dev.audience.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Postfix's smtp-sink and smtp-source, the reference SMTP sink and load generator. Nothing is installed:
 * Debian's postfix package is downloaded with {@code apt-get download} and unpacked with {@code dpkg -x}
 * into a folder of the benchmark's data, once.
 */
final class PostfixTools {
    private final Path root;

    private PostfixTools(Path root) {
        this.root = root;
    }

    static PostfixTools in(Path where) throws IOException, InterruptedException {
        Path dir = where.toAbsolutePath();
        Path root = dir.resolve("postfix");
        if (!Files.exists(root.resolve("usr/sbin/smtp-sink"))) {
            Files.createDirectories(dir);
            run(dir, List.of("apt-get", "download", "postfix"));
            Path deb;
            try (var files = Files.list(dir)) {
                deb = files.filter(p -> p.getFileName().toString().startsWith("postfix_")).findFirst()
                        .orElseThrow(() -> new IOException("apt-get download postfix left no .deb in " + dir));
            }
            run(dir, List.of("dpkg", "-x", deb.toString(), root.toString()));
        }
        return new PostfixTools(root);
    }

    Process sink(int port) throws IOException {
        return start(List.of(root.resolve("usr/sbin/smtp-sink").toString(), "-u", "nobody", "127.0.0.1:" + port, "256"));
    }

    /** smtp-source: {@code messages} of {@code size} bytes over {@code sessions} connections, each kept for its messages. */
    Process source(int port, int sessions, int messages, int size) throws IOException {
        return start(List.of(root.resolve("usr/sbin/smtp-source").toString(), "-s", String.valueOf(sessions), "-l",
                String.valueOf(size), "-m", String.valueOf(messages), "-d", "-f", "from@example.test", "-t",
                "to@example.test", "127.0.0.1:" + port));
    }

    private Process start(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LD_LIBRARY_PATH", root.resolve("usr/lib/postfix").toString());
        return pb.start();
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + ")");
        }
    }
}
