package dev.audience.cli;

import dev.audience.apikey.ApiKeyKind;
import dev.audience.config.AudienceConfig;
import dev.audience.demo.DemoData;
import dev.audience.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "demo", description = "Run the server with demo data (created on first start) on the embedded store.",
        mixinStandardHelpOptions = true)
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 8080).")
    Integer port;

    @Override
    public Integer call() {
        AudienceConfig config = options.load(ServeCommand.portOverride(port), "demo-data");
        String[] key = new String[1];
        String[] admin = new String[1];
        ServeCommand.run(config, app -> {
            if (app.profiles().count() == 0) {
                System.out.println("Creating demo data (10,000 profiles, 200,000 events over 90 days, a few segments)...");
                DemoData demo = new DemoData(app.profiles(), app.events(), java.time.Clock.systemUTC(), 42);
                DemoData.Summary s = demo.create();
                DemoData.createSegments(app.segments(), app.staticMembers());
                DemoData.createCampaigns(app.campaigns());
                demo.createExperiment(app.experiments(), app.exposures());
                System.out.println("Created " + s.profiles() + " profiles, " + s.events() + " events and "
                        + (app.segments().list().size() - 1) + " segments, a draft email campaign, a draft push, three active"
                        + " banners and a running experiment with results.");
            }
            Path keyFile = config.dataDir().resolve("demo-secret-key.txt");
            key[0] = readOrCreateKey(keyFile, () -> app.apiKeys().create(ApiKeyKind.SECRET));
            System.out.println("Demo secret API key (kept in " + keyFile + "): " + key[0]);
            Path passwordFile = config.dataDir().resolve("demo-admin-password.txt");
            admin[0] = readOrCreateKey(passwordFile, DemoCommand::newPassword);
            if (app.consoleUsers().findByEmail(DEMO_ADMIN).isEmpty()) {
                app.consoleUsers().create(DEMO_ADMIN, Role.ADMIN, admin[0]);
            }
        }, app -> {
            System.out.println("Console: " + config.http().url(app.server().port()) + "/console (sign in as " + DEMO_ADMIN
                    + " with the password " + admin[0] + ", kept in " + config.dataDir().resolve("demo-admin-password.txt") + ")");
            System.out.println("Try: curl -H 'Authorization: Bearer " + key[0] + "' "
                    + config.http().url(app.server().port()) + "/api/v1/profiles/user-00001");
        });
        return 0;
    }

    static final String DEMO_ADMIN = "admin@demo.example";

    private static String newPassword() {
        byte[] b = new byte[15];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The demo keeps its key in the data directory so that every start can print it; real keys are never kept. */
    private static String readOrCreateKey(Path file, java.util.function.Supplier<String> create) {
        try {
            if (Files.exists(file)) return Files.readString(file).strip();
            String key = create.get();
            Files.writeString(file, key + "\n");
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo key in " + file, e);
        }
    }
}
