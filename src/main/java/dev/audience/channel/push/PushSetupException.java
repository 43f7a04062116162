package dev.audience.channel.push;

import java.util.Objects;

/** A push provider's settings do not load: which part, and why, phrased for the operator. */
public final class PushSetupException extends RuntimeException {
    /** The setting at fault, so that callers can name it in their own terms (a configuration key). */
    public enum Part { APNS_KEY_FILE, APNS_TRUST_FILE, FCM_CREDENTIALS_FILE }

    private final Part part;

    public PushSetupException(Part part, String message, Throwable cause) {
        super(message, cause);
        this.part = Objects.requireNonNull(part, "part");
    }

    public Part part() {
        return part;
    }
}
