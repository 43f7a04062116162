package dev.audience.event;

import java.util.List;

/** The analytical store of events (DuckDB embedded, PostgreSQL in a cluster). */
public interface EventStore {

    /** Stores the events; an event whose messageId is already stored (or repeated in the batch) is dropped. */
    AppendResult append(List<Event> events);

    /** The newest events of one profile, newest first. */
    List<Event> newestFor(int ordinal, int limit);

    /** Erases every event of one profile; how many there were. */
    long deleteFor(int ordinal);

    long count();
}
