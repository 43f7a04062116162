package dev.audience.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load from a second process: {@code wrk -t2 -c32 -d{seconds}s --latency [-H header]... URL}, run to its
 * end, its report parsed into a {@link Result}. wrk is Debian's package {@code wrk}; {@code ./audience test}
 * and {@code ./audience bench banners} install it.
 */
public record WrkLoad(int seconds, List<String> headers, Path script) {
    private static final Pattern REQUESTS = Pattern.compile("^\\s*(\\d+) requests in ", Pattern.MULTILINE);
    private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s+([\\d.]+)", Pattern.MULTILINE);
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("^\\s*Non-2xx or 3xx responses: (\\d+)", Pattern.MULTILINE);
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)", Pattern.MULTILINE);

    public WrkLoad {
        if (seconds < 1) throw new IllegalArgumentException("seconds must be at least 1, was " + seconds);
        headers = List.copyOf(headers);
    }

    /** Every request to the same URL. */
    public WrkLoad(int seconds, List<String> headers) {
        this(seconds, headers, null);
    }

    /**
     * What wrk reported. {@code non2xx} counts responses outside 200-399 (wrk's "Non-2xx or 3xx responses");
     * {@code socketErrors} adds up its connect, read, write and timeout errors.
     */
    public record Result(double requestsPerSecond, long p50Micros, long p99Micros, long requests, long non2xx,
                         long socketErrors) {
        public Result {
            if (requestsPerSecond < 0 || p50Micros < 0 || p99Micros < 0 || requests < 0 || non2xx < 0 || socketErrors < 0) {
                throw new IllegalArgumentException("wrk's figures are never negative");
            }
        }
    }

    public Result run(URI url) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c32", "-d" + seconds + "s", "--latency"));
        for (String header : headers) command.addAll(List.of("-H", header));
        if (script != null) command.addAll(List.of("-s", script.toString())); // a Lua script that makes each request
        command.add(url.toString());
        Path report = Files.createTempFile("wrk", ".txt"); // a file, not a pipe: the timeout below stays real
        try {
            Process wrk;
            try {
                wrk = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(report.toFile()).start();
            } catch (IOException e) {
                throw new IOException("wrk is not installed (Debian: apt-get install wrk; ./audience test and "
                        + "./audience bench banners install it): " + e.getMessage(), e);
            }
            if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
                wrk.destroyForcibly();
                throw new IOException("wrk did not finish within " + (seconds + 30) + " s: " + String.join(" ", command));
            }
            String output = Files.readString(report);
            if (wrk.exitValue() != 0) {
                throw new IOException("wrk exited with " + wrk.exitValue() + " (" + String.join(" ", command) + "): " + output.strip());
            }
            return parse(output);
        } finally {
            Files.deleteIfExists(report);
        }
    }

    /** Parses wrk's report (with {@code --latency}); latencies come in us, ms, s, m or h. */
    static Result parse(String output) {
        Objects.requireNonNull(output);
        long p50 = -1, p99 = -1;
        for (Matcher m = PERCENTILE.matcher(output); m.find(); ) {
            long micros = micros(Double.parseDouble(m.group(2)), m.group(3));
            if (m.group(1).equals("50")) p50 = micros; else p99 = micros;
        }
        if (p50 < 0 || p99 < 0) throw unreadable("no 50% and 99% latency lines (was --latency given?)", output);
        long socketErrors = 0;
        Matcher errors = SOCKET_ERRORS.matcher(output);
        if (errors.find()) {
            for (int i = 1; i <= 4; i++) socketErrors += Long.parseLong(errors.group(i));
        }
        Matcher non2xx = NON_2XX.matcher(output);
        return new Result(Double.parseDouble(find(RATE, output, "Requests/sec")), p50, p99,
                Long.parseLong(find(REQUESTS, output, "requests in")), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                socketErrors);
    }

    private static long micros(double value, String unit) {
        double factor = switch (unit) {
            case "us" -> 1;
            case "ms" -> 1e3;
            case "s" -> 1e6;
            case "m" -> 60e6;
            case "h" -> 3600e6;
            default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
        return Math.round(value * factor);
    }

    private static String find(Pattern pattern, String output, String what) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) throw unreadable("no '" + what + "' line", output);
        return m.group(1);
    }

    private static IllegalArgumentException unreadable(String why, String output) {
        return new IllegalArgumentException("unreadable wrk report, " + why + ":\n" + output);
    }
}
