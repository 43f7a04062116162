package dev.audience.cli;

import dev.audience.app.Application;
import dev.audience.app.LogSetup;
import dev.audience.config.AudienceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", description = "Run the server.", mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (0 = any free port).")
    Integer port;

    @Override
    public Integer call() {
        AudienceConfig config = options.load(portOverride(port), null);
        run(config, app -> {});
        return 0;
    }

    static Map<String, String> portOverride(Integer port) {
        Map<String, String> m = new HashMap<>();
        if (port != null) m.put("http.port", String.valueOf(port));
        return m;
    }

    interface Setup {
        void prepare(Application app);
    }

    /** Opens, prepares, serves until the process is told to stop, then shuts down gracefully. */
    static void run(AudienceConfig config, Setup setup) {
        run(config, setup, app -> {});
    }

    /** As {@link #run(AudienceConfig, Setup)}, calling {@code started} once the server listens. */
    static void run(AudienceConfig config, Setup setup, java.util.function.Consumer<Application> started) {
        LogSetup.apply(config.log());
        Application app = Application.open(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            setup.prepare(app);
            app.startHttp(config).startScheduler();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("Audience listening on " + config.http().url(app.server().port()));
        started.accept(app);
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
