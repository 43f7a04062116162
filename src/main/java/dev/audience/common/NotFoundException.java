package dev.audience.common;

/** The thing asked for does not exist. Mapped to 404 at the HTTP edge. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
