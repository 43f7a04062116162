package dev.audience.storage;

/** A storage failure that is not the caller's fault (I/O, a lost connection, a broken invariant). */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
