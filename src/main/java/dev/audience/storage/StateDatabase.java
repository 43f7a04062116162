package dev.audience.storage;

/** The state database alone (profiles, keys, segments, campaigns, ledger), without the event store. */
public interface StateDatabase extends AutoCloseable {
    StateStores stateStores();

    @Override
    void close();
}
