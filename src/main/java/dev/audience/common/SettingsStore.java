package dev.audience.common;

import java.util.function.Supplier;

/** Server-wide values kept in the database (so every node shares them), such as the link-signing secret. */
public interface SettingsStore {
    /** The stored value, or {@code initial} stored first when there is none (the first writer wins). */
    String getOrCreate(String name, Supplier<String> initial);
}
