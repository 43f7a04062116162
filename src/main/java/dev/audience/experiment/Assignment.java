package dev.audience.experiment;

/**
 * An experiment's answer for one user: in or not, the variant when in, why, and the version of the
 * segment snapshot that qualified them (null when no segment did: everyone is targeted).
 */
public record Assignment(boolean inExperiment, String variant, String reason, Long segmentVersion) {
    static Assignment out(String reason) {
        return new Assignment(false, null, reason, null);
    }
}
