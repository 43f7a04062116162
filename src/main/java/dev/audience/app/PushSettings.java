package dev.audience.app;

import dev.audience.channel.push.ApnsSettings;
import dev.audience.channel.push.FcmSettings;
import dev.audience.channel.push.PushSetupException;
import dev.audience.config.AudienceConfig;

import java.time.Duration;

/** The push channel's settings from the configuration, and the configuration key behind each loading problem. */
public final class PushSettings {
    /** How long FCM gets to connect and to answer one send. */
    static final Duration FCM_TIMEOUT = Duration.ofSeconds(30);

    private PushSettings() {}

    public static ApnsSettings apns(AudienceConfig.Apns a) {
        return new ApnsSettings(a.keyFile(), a.keyId(), a.teamId(), a.topic(), a.host(), a.port(), a.trustFile(),
                a.connections());
    }

    public static FcmSettings fcm(AudienceConfig.Fcm f) {
        return new FcmSettings(f.credentialsFile(), f.endpoint(), FCM_TIMEOUT);
    }

    /** The key to fix when {@code part} does not load, e.g. {@code apns.key_file}. */
    public static String key(PushSetupException.Part part) {
        return switch (part) {
            case APNS_KEY_FILE -> "apns.key_file";
            case APNS_TRUST_FILE -> "apns.trust_file";
            case FCM_CREDENTIALS_FILE -> "fcm.credentials_file";
        };
    }
}
