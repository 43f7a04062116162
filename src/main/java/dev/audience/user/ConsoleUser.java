package dev.audience.user;

import java.time.Instant;
import java.util.Objects;

/**
 * A person who signs in to the console. {@code email} is kept lower-cased (it is the sign-in name);
 * {@code passwordHash} is an Argon2id hash in the PHC string format, never the password. {@code deactivatedAt} is
 * null for an active user; a deactivated one is kept (and listed) but cannot sign in.
 */
public record ConsoleUser(String id, String email, Role role, String passwordHash, Instant createdAt, Instant updatedAt,
                          Instant deactivatedAt) {
    public ConsoleUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean active() {
        return deactivatedAt == null;
    }

    @Override
    public String toString() {
        return "ConsoleUser[" + id + ", " + email + ", " + role.wireName() + "]"; // never the hash, not even in logs
    }
}
