package dev.audience.cli;

import dev.audience.bench.IngestBenchmark;
import dev.audience.bench.SegmentBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "bench", description = "Benchmarks that print the figures docs/benchmarks.md records.",
        mixinStandardHelpOptions = true, subcommands = {BenchCommand.Ingest.class, BenchCommand.Segments.class, BenchCommand.Assignment.class,
                BenchCommand.ExperimentResults.class,
                BenchCommand.Email.class, BenchCommand.BannerDecision.class,
                BenchCommand.Banners.class, BenchCommand.Push.class,
                BenchCommand.Cluster.class})
public final class BenchCommand {

    /** Runs one JMH benchmark class (its annotations give forks and iterations) and returns its samples. */
    static org.openjdk.jmh.util.Statistics jmh(Class<?> benchmark) throws Exception {
        var options = new org.openjdk.jmh.runner.options.OptionsBuilder().include(benchmark.getName()).build();
        return new org.openjdk.jmh.runner.Runner(options).runSingle().getPrimaryResult().getStatistics();
    }

    /** Both in-process goals are p99 <= 2 µs. */
    static void printPercentiles(String what, org.openjdk.jmh.util.Statistics stats) {
        System.out.printf("%n%s: p50 %.0f ns, p99 %.0f ns, p99.9 %.0f ns (goal p99 <= 2,000 ns), %,d samples%n", what,
                stats.getPercentile(50), stats.getPercentile(99), stats.getPercentile(99.9), stats.getN());
    }

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

    @Command(name = "segments", mixinStandardHelpOptions = true,
            description = "Segment refresh vs. hand-written DuckDB SQL, membership checks and bitmap set operations.")
    static final class Segments implements Callable<Integer> {
        @Option(names = "--data", defaultValue = "bench-data/segments", description = "Data set directory, built once and reused (default ${DEFAULT-VALUE}).")
        java.nio.file.Path data;

        @Option(names = "--events", defaultValue = "20000000", description = "Events (default ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--users", defaultValue = "1000000", description = "Users (default ${DEFAULT-VALUE}).")
        int users;

        @Option(names = "--runs", defaultValue = "5", description = "Timed runs per query; medians are printed (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--postgres-url", description = "Also run on this PostgreSQL (jdbc:postgresql://...); its data set is built there once.")
        String postgresUrl;

        @Option(names = "--postgres-events", defaultValue = "2000000", description = "Events for the PostgreSQL part (default ${DEFAULT-VALUE}).")
        long postgresEvents;

        @Option(names = "--postgres-users", defaultValue = "100000", description = "Users for the PostgreSQL part (default ${DEFAULT-VALUE}).")
        int postgresUsers;

        @Override
        public Integer call() throws Exception {
            new SegmentBenchmark(data, events, users, runs, java.util.Optional.ofNullable(postgresUrl), postgresEvents,
                    postgresUsers, System.out).run();
            return 0;
        }
    }

    @Command(name = "assignment", mixinStandardHelpOptions = true,
            description = "JMH: experiment assignment against a 1,000,000-member target segment; prints p50, p99, p99.9.")
    static final class Assignment implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            printPercentiles("assignment against a 1,000,000-member segment", jmh(dev.audience.bench.AssignmentBenchmark.class));
            return 0;
        }
    }

    @Command(name = "experiment-results", mixinStandardHelpOptions = true,
            description = "An experiment's results (exposures and conversions per variant) on the embedded event store.")
    static final class ExperimentResults implements Callable<Integer> {
        @Option(names = "--events", defaultValue = "19000000", description = "Other events (default ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--exposed", defaultValue = "500000", description = "People exposed, two exposure events each (default ${DEFAULT-VALUE}).")
        int exposed;

        @Option(names = "--runs", defaultValue = "7", description = "Timed runs per query; medians are printed (default ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() throws Exception {
            new dev.audience.bench.ExperimentResultsBenchmark(events, exposed, runs, System.out).run();
            return 0;
        }
    }

    @Command(name = "banner-decision", mixinStandardHelpOptions = true,
            description = "JMH: one banner decision among 50 banners in 3 placements, segments up to 1,000,000 members; prints p50, p99, p99.9.")
    static final class BannerDecision implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            printPercentiles("banner decision (50 banners, 3 placements, segments up to 1,000,000)",
                    jmh(dev.audience.bench.BannerDecisionBenchmark.class));
            return 0;
        }
    }

    @Command(name = "email", mixinStandardHelpOptions = true,
            description = "A campaign through postfix's smtp-sink vs. smtp-source against the same sink, in one run.")
    static final class Email implements Callable<Integer> {
        @Option(names = "--recipients", defaultValue = "100000", description = "Recipients (default ${DEFAULT-VALUE}).")
        int recipients;

        @Option(names = "--connections", defaultValue = "10", description = "SMTP connections, ours and smtp-source's (default ${DEFAULT-VALUE}).")
        int connections;

        @Option(names = "--data", defaultValue = "bench-data/email", description = "Working directory (default ${DEFAULT-VALUE}).")
        java.nio.file.Path data;

        @Override
        public Integer call() throws Exception {
            new dev.audience.bench.EmailBenchmark(data, recipients, connections, System.out).run();
            return 0;
        }
    }

    @Command(name = "banners", mixinStandardHelpOptions = true,
            description = "wrk on GET /api/v1/banners (50 banners, 3 placements, segments up to 1,000,000) vs. a bare JDK HttpServer with a fixed JSON of the same size, in one run.")
    static final class Banners implements Callable<Integer> {
        @Option(names = "--profiles", defaultValue = "2000000", description = "Profiles (default ${DEFAULT-VALUE}).")
        int profiles;

        @Option(names = "--users", defaultValue = "50000", description = "Distinct users the requests are for (default ${DEFAULT-VALUE}).")
        int users;

        @Option(names = "--seconds", defaultValue = "15", description = "Seconds per wrk run (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--rounds", defaultValue = "3", description = "Rounds of bare + Audience (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--data", defaultValue = "bench-data/banners", description = "Working directory (default ${DEFAULT-VALUE}).")
        java.nio.file.Path data;

        @Override
        public Integer call() throws Exception {
            new dev.audience.bench.BannerHttpBenchmark(data, profiles, users, seconds, rounds, System.out).run();
            return 0;
        }
    }

    @Command(name = "push", mixinStandardHelpOptions = true,
            description = "A push campaign to N profiles with one device each, through a local MockApnsServer and then a local FCM v1 server; prints notifications/s for each and the heap.")
    static final class Push implements Callable<Integer> {
        @Option(names = "--notifications", defaultValue = "100000", description = "Notifications per provider (default ${DEFAULT-VALUE}).")
        int notifications;

        @Option(names = "--data", defaultValue = "bench-data/push", description = "Working directory (default ${DEFAULT-VALUE}).")
        java.nio.file.Path data;

        @Override
        public Integer call() throws Exception {
            new dev.audience.bench.PushBenchmark(data, notifications, System.out).run();
            return 0;
        }
    }

    @Command(name = "cluster", mixinStandardHelpOptions = true,
            description = "An email campaign over PostgreSQL through smtp-sink with one node, then two nodes on the same database; prints both rates and the ratio.")
    static final class Cluster implements Callable<Integer> {
        @Option(names = "--postgres-url", required = true, description = "jdbc:postgresql://HOST:PORT/DB?user=…&password=… (an empty database, or one this command used before).")
        String postgresUrl;

        @Option(names = "--recipients", defaultValue = "100000", description = "Recipients (default ${DEFAULT-VALUE}).")
        int recipients;

        @Option(names = "--connections", defaultValue = "10", description = "SMTP connections per node (default ${DEFAULT-VALUE}).")
        int connections;

        @Option(names = "--rounds", defaultValue = "3", description = "Rounds of one node then two nodes (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--data", defaultValue = "bench-data/cluster", description = "Working directory for postfix's tools (default ${DEFAULT-VALUE}).")
        java.nio.file.Path data;

        @Override
        public Integer call() throws Exception {
            new dev.audience.bench.ClusterEmailBenchmark(data, postgresUrl, recipients, connections, rounds, System.out).run();
            return 0;
        }
    }
}
