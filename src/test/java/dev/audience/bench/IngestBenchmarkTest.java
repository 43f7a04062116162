package dev.audience.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest benchmark, small: every event it sends is accepted (it fails otherwise) and both rates are printed. */
class IngestBenchmarkTest {
    @Test
    void aSmallRunSendsEveryEventThroughTheApiAndPrintsBothRates() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new IngestBenchmark(20_000, 1_000, 500, 2, true, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("20,000 events in batches of 1,000, 500 users, 2 concurrent clients, every event with a messageId");
        assertThat(out).containsPattern("api path \\(HTTP batch API -> embedded store\\): [\\d,]+ events/s");
        assertThat(out).containsPattern("direct DuckDB appender: +[\\d,]+ events/s");
        assertThat(out).containsPattern("ratio api/direct: \\d+\\.\\d\\d");
    }
}
