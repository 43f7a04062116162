package dev.audience.experiment;

import java.util.Locale;

/** draft → running → stopped. Only a running experiment assigns anyone. */
public enum ExperimentStatus {
    DRAFT, RUNNING, STOPPED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExperimentStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
