package dev.audience.common;

/** The request conflicts with the current state (a key taken, a thing in use, a transition not allowed). 409. */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
