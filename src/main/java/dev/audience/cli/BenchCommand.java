package dev.audience.cli;

import dev.audience.bench.IngestBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "bench", description = "Benchmarks that print the figures docs/benchmarks.md records.",
        mixinStandardHelpOptions = true, subcommands = BenchCommand.Ingest.class)
public final class BenchCommand {

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Events through the HTTP batch API vs. DuckDB's appender directly, in one run.")
    static final class Ingest implements Callable<Integer> {
        @Option(names = "--events", defaultValue = "1000000", description = "Events per path (default ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--batch", defaultValue = "10000", description = "Events per request (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--users", defaultValue = "100000", description = "Distinct users (default ${DEFAULT-VALUE}).")
        int users;

        @Option(names = "--clients", defaultValue = "2", description = "Concurrent HTTP clients (default ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--no-message-ids", description = "Send events without messageIds (no deduplication work).")
        boolean noMessageIds;

        @Override
        public Integer call() throws Exception {
            new IngestBenchmark(events, batch, users, clients, !noMessageIds, System.out).run();
            return 0;
        }
    }
}
