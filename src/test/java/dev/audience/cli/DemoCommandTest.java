package dev.audience.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `audience demo` as a newcomer runs it, in its own JVM on a free port: it creates the demo data, prints
 * where it listens and a curl line whose key and URL work.
 */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoPrintsAWorkingCurlLine() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.audience.Main",
                "demo", "--data", dir.toString(), "--port", "0");
        pb.environment().put("AUDIENCE_LOG_LEVEL", "warn");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String tryLine = null;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.startsWith("Try: curl")) {
                    tryLine = line;
                    break;
                }
            }
            assertThat(tryLine).as(String.join("\n", lines)).isNotNull();
            assertThat(lines).anyMatch(l -> l.startsWith("Created 10000 profiles, 200000 events"));
            assertThat(lines).anyMatch(l -> l.startsWith("Audience listening on http://127.0.0.1:"));
            Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> { })); // keep its output flowing

            Matcher m = Pattern.compile("Bearer (\\S+)' (http://\\S+)").matcher(tryLine);
            assertThat(m.find()).as(tryLine).isTrue();
            // the console line names the demo admin and a password that signs in
            String consoleLine = lines.stream().filter(l -> l.startsWith("Console: ")).findFirst().orElseThrow();
            Matcher c = Pattern.compile("Console: (http://\\S+)/console \\(sign in as admin@demo\\.example with the password (\\S+),")
                    .matcher(consoleLine);
            assertThat(c.find()).as(consoleLine).isTrue();
            dev.audience.testing.ConsoleClient browser = new dev.audience.testing.ConsoleClient(c.group(1));
            assertThat(browser.signIn("admin@demo.example", c.group(2)).status()).isEqualTo(303);
            assertThat(browser.get("/console").body()).contains("admin@demo.example · admin");

            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(2)))
                    .header("Authorization", "Bearer " + m.group(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"userId\":\"user-00001\"");
            // the demo's experiment has results: 4,000 people exposed, and buyers in both variants
            HttpResponse<String> results = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    m.group(2).replace("/api/v1/profiles/user-00001", "/api/v1/experiments/pricing-layout/results?goal=purchase")))
                    .header("Authorization", "Bearer " + m.group(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(results.statusCode()).as(results.body()).isEqualTo(200);
            assertThat(results.body()).contains("\"users\":4000").contains("\"key\":\"two-column\"")
                    .doesNotContain("\"conversions\":0,");
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }
}
