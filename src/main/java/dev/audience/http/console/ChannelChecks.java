package dev.audience.http.console;

import dev.audience.profile.Platform;

import java.util.List;

/**
 * What Settings → Channels needs of the server's senders: each channel's configuration as it may be shown (passwords
 * and key contents never leave the server), and one test message through the very sender that campaigns use, with
 * what the relay or provider answered. The application implements it over its own SMTP, APNs and FCM senders.
 */
public interface ChannelChecks {
    /** One setting as shown: its configuration key and value; a secret is only "set" or "not set". */
    record Setting(String key, String value) {}

    /** A channel (SMTP, APNs, FCM): whether it is configured, what turns it on, and its settings. */
    record Channel(String name, boolean configured, String howToConfigure, List<Setting> settings) {}

    /** What the relay or provider said about the test message, in its own words. */
    record Outcome(boolean accepted, String detail) {}

    Channel smtp();

    Channel apns();

    Channel fcm();

    /** Sends a test email from {@code from} to {@code to} through the campaigns' SMTP sender. */
    Outcome sendTestEmail(String from, String to);

    /** Sends a test notification to one device token through the campaigns' APNs (iOS) or FCM (Android) sender. */
    Outcome sendTestPush(Platform platform, String token);
}
