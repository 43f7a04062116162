package dev.audience.cli;

import dev.audience.app.PushSettings;
import dev.audience.channel.push.ApnsSender;
import dev.audience.channel.push.FcmCredentials;
import dev.audience.channel.push.PushSetupException;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "push", description = "Push notification providers (APNs, FCM).", mixinStandardHelpOptions = true,
        subcommands = PushCommand.Check.class)
public final class PushCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Load the APNs and FCM settings (key files, certificates, service account) and print, per"
                    + " provider, whether they load and why not. Exit code 1 when a configured provider does not load.")
    static final class Check implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties: key = value).")
        Path config;

        @Override
        public Integer call() {
            AudienceConfig c = new ConfigLoader(System.getenv()).load(Optional.ofNullable(config), Map.of());
            PrintStream out = System.out;
            boolean apns = c.push().apns().map(a -> apns(a, out)).orElseGet(() -> notConfigured(out, "APNs",
                    "apns.key_file, apns.key_id, apns.team_id and apns.topic"));
            boolean fcm = c.push().fcm().map(f -> fcm(f, out)).orElseGet(() -> notConfigured(out, "FCM",
                    "fcm.credentials_file"));
            return apns && fcm ? 0 : 1;
        }

        private static boolean apns(AudienceConfig.Apns a, PrintStream out) {
            try {
                ApnsSender.open(PushSettings.apns(a), Clock.systemUTC()).close(1);
            } catch (PushSetupException e) {
                return doesNotLoad(out, "APNs", e);
            }
            out.println("APNs: loads: key " + a.keyId() + " of team " + a.teamId() + " from " + a.keyFile() + ", topic "
                    + a.topic() + ", server " + a.host() + ":" + a.port()
                    + (a.server().contains(":") ? "" : " (" + a.server() + ")")
                    + a.trustFile().map(t -> ", also trusting " + t).orElse("") + ", " + a.connections()
                    + (a.connections() == 1 ? " connection" : " connections"));
            return true;
        }

        private static boolean fcm(AudienceConfig.Fcm f, PrintStream out) {
            FcmCredentials credentials;
            try {
                credentials = FcmCredentials.load(f.credentialsFile());
            } catch (PushSetupException e) {
                return doesNotLoad(out, "FCM", e);
            }
            out.println("FCM: loads: service account " + credentials.clientEmail() + " of project "
                    + credentials.projectId() + " from " + f.credentialsFile() + ", access tokens from "
                    + credentials.tokenUri() + ", sending to " + PushSettings.fcm(f).sendUri(credentials.projectId()));
            return true;
        }

        private static boolean doesNotLoad(PrintStream out, String provider, PushSetupException e) {
            String key = PushSettings.key(e.part());
            out.println(provider + ": does not load: " + key + " (" + ConfigLoader.envName(key) + "): " + e.getMessage());
            return false;
        }

        private static boolean notConfigured(PrintStream out, String provider, String keys) {
            out.println(provider + ": not configured (set " + keys + " to send to " + ("APNs".equals(provider)
                    ? "iOS devices" : "Android devices") + ")");
            return true;
        }
    }
}
