package dev.audience.experiment;

/** A flag's answer for one user, and why. */
public record FlagDecision(boolean enabled, String reason) {}
