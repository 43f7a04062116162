package dev.audience.app;

import dev.audience.campaign.template.RenderedPush;
import dev.audience.channel.email.EmailMessage;
import dev.audience.channel.email.SmtpOutcome;
import dev.audience.channel.email.SmtpSender;
import dev.audience.channel.push.ApnsSender;
import dev.audience.channel.push.FcmSender;
import dev.audience.channel.push.PushMessage;
import dev.audience.channel.push.PushOutcome;
import dev.audience.config.AudienceConfig;
import dev.audience.http.console.ChannelChecks;
import dev.audience.profile.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The console's view of this server's senders: the SMTP, APNs and FCM settings with secrets masked (the SMTP
 * password and the APNs and FCM key files' contents are never shown; their paths are), and test messages sent
 * through the same {@link SmtpSender}, {@link ApnsSender} and {@link FcmSender} that campaigns use.
 */
final class ServerChannelChecks implements ChannelChecks {
    /** How long a test push waits for the provider's answer. */
    static final long PUSH_WAIT_SECONDS = 30;

    private final AudienceConfig config;
    private final SmtpSender smtp;
    private final ApnsSender apns;
    private final FcmSender fcm;

    /** {@code apns} and {@code fcm} are null when not configured. */
    ServerChannelChecks(AudienceConfig config, SmtpSender smtp, ApnsSender apns, FcmSender fcm) {
        this.config = config;
        this.smtp = smtp;
        this.apns = apns;
        this.fcm = fcm;
    }

    @Override
    public Channel smtp() {
        AudienceConfig.Smtp s = config.smtp();
        List<Setting> settings = List.of(new Setting("smtp.host", s.host()), new Setting("smtp.port", String.valueOf(s.port())),
                new Setting("smtp.tls", s.tls()), new Setting("smtp.username", s.username().orElse("(none)")),
                new Setting("smtp.password", secret(s.password())),
                new Setting("smtp.connections", String.valueOf(s.connections())),
                new Setting("smtp.rate", s.rate() <= 0 ? "no limit"
                        : (s.rate() == Math.rint(s.rate()) ? String.valueOf((long) s.rate()) : String.valueOf(s.rate()))
                        + " messages per second"),
                new Setting("smtp.max_attempts", String.valueOf(s.maxAttempts())),
                new Setting("smtp.timeout_seconds", String.valueOf(s.timeoutSeconds())),
                new Setting("email.unsubscribe_mailto", s.unsubscribeMailto().orElse("unsubscribe@<the sender's domain>")));
        return new Channel("SMTP", true, "smtp.host and smtp.port (and smtp.tls, smtp.username, smtp.password)", settings);
    }

    @Override
    public Channel apns() {
        String how = "apns.key_file, apns.key_id, apns.team_id and apns.topic";
        return config.push().apns().map(a -> {
            List<Setting> s = new ArrayList<>();
            s.add(new Setting("apns.key_file", a.keyFile() + " (its contents are not shown)"));
            s.add(new Setting("apns.key_id", a.keyId()));
            s.add(new Setting("apns.team_id", a.teamId()));
            s.add(new Setting("apns.topic", a.topic()));
            s.add(new Setting("apns.server", a.server() + " (" + a.host() + ":" + a.port() + ")"));
            s.add(new Setting("apns.trust_file", a.trustFile().map(Object::toString).orElse("(none: the JDK's CAs)")));
            s.add(new Setting("apns.connections", String.valueOf(a.connections())));
            return new Channel("APNs", true, how, s);
        }).orElse(new Channel("APNs", false, how, List.of()));
    }

    @Override
    public Channel fcm() {
        String how = "fcm.credentials_file (a Firebase service-account key)";
        return config.push().fcm().map(f -> new Channel("FCM", true, how, List.of(
                new Setting("fcm.credentials_file", f.credentialsFile() + " (its contents are not shown)"),
                new Setting("fcm.endpoint", f.endpoint().toString())))).orElse(new Channel("FCM", false, how, List.of()));
    }

    @Override
    public Outcome sendTestEmail(String from, String to) {
        String domain = from.substring(from.lastIndexOf('@') + 1);
        EmailMessage m = new EmailMessage("test." + UUID.randomUUID() + "@" + domain, "Audience", from, null, to,
                "Audience test email", "This is a test email from the Audience console (Settings → Channels), sent through "
                + config.smtp().host() + ":" + config.smtp().port() + ".\n", null, Map.of("X-Audience-Test", "true"));
        return switch (smtp.send(m)) {
            case SmtpOutcome.Delivered d -> new Outcome(true, "The relay accepted it: " + d.reply());
            case SmtpOutcome.TemporaryFailure f -> new Outcome(false, "Temporary failure: " + f.reply());
            case SmtpOutcome.PermanentFailure f -> new Outcome(false, "Refused: " + f.reply());
            case SmtpOutcome.Unknown u -> new Outcome(false, "No answer: " + u.reason());
        };
    }

    @Override
    public Outcome sendTestPush(Platform platform, String token) {
        RenderedPush content = new RenderedPush("Audience test", "A test notification from the Audience console.", null,
                null, List.of(), Map.of(), null, null);
        PushMessage m = new PushMessage(token, content, Optional.empty());
        CompletableFuture<PushOutcome> sent = switch (platform) {
            case IOS -> apns == null ? null : apns.send(m);
            case ANDROID -> fcm == null ? null : fcm.send(m);
        };
        if (sent == null) {
            return new Outcome(false, (platform == Platform.IOS ? "APNs" : "FCM") + " is not configured on this server.");
        }
        try {
            return describe(sent.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "Interrupted while waiting for the answer.");
        } catch (TimeoutException e) {
            return new Outcome(false, "No answer within " + PUSH_WAIT_SECONDS + " seconds.");
        } catch (ExecutionException e) {
            return new Outcome(false, "Failed: " + e.getCause().getMessage());
        }
    }

    private static Outcome describe(PushOutcome o) {
        return switch (o) {
            case PushOutcome.Accepted a -> new Outcome(true, "Accepted (id " + a.providerId() + ").");
            case PushOutcome.TokenInvalid t -> new Outcome(false, "The token is not valid: " + t.reason());
            case PushOutcome.RetryLater r -> new Outcome(false, "Not now, try later: " + r.reason());
            case PushOutcome.FailedPermanently f -> new Outcome(false, "Refused: " + f.reason());
        };
    }

    private static String secret(Optional<String> value) {
        return value.filter(v -> !v.isEmpty()).map(v -> "set (not shown)").orElse("not set");
    }
}
