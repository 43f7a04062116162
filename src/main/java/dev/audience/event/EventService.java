package dev.audience.event;

import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.common.NotFoundException;
import dev.audience.common.Validation;
import dev.audience.profile.ProfileStore;
import dev.audience.profile.UserDirectory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Ingests events (checking each, creating unknown users) and lists a user's events. */
public final class EventService {
    private final EventStore events;
    private final ProfileStore profiles;
    private final UserDirectory directory;
    private final Clock clock;

    public EventService(EventStore events, ProfileStore profiles, UserDirectory directory, Clock clock) {
        this.events = events;
        this.profiles = profiles;
        this.directory = directory;
        this.clock = clock;
    }

    /** Per-batch outcome; {@code errors} name the rejected items as {@code events[i].field}. */
    public record IngestResult(int accepted, int duplicates, int rejected, List<FieldError> errors) {}

    /**
     * Stores the good events of a batch; a bad one is reported by index and does not keep the others out.
     * {@code invalid} carries items the caller could not even read (wrong JSON shape), by index.
     */
    public IngestResult ingest(List<IncomingEvent> batch, Map<Integer, List<FieldError>> invalid) {
        if (batch.size() > EventRules.MAX_BATCH) {
            throw new InvalidInputException("events", "at most " + EventRules.MAX_BATCH + " events per call, got "
                    + batch.size());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // event stores keep microseconds
        List<FieldError> errors = new ArrayList<>();
        List<IncomingEvent> good = new ArrayList<>(batch.size());
        int[] goodIndex = new int[batch.size()];
        List<String> users = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            List<FieldError> shapeErrors = invalid.get(i);
            if (shapeErrors != null) {
                String at = "events[" + i + "]";
                shapeErrors.forEach(e -> errors.add(e.under(at)));
                continue;
            }
            IncomingEvent e = batch.get(i);
            Validation v = new Validation();
            EventRules.check(v, e, now);
            if (!v.ok()) {
                String at = "events[" + i + "]";
                v.errors().forEach(err -> errors.add(err.under(at)));
                continue;
            }
            goodIndex[good.size()] = i;
            good.add(e);
            users.add(e.userId());
        }
        if (good.isEmpty()) return new IngestResult(0, 0, batch.size(), errors);
        int[] ordinals = directory.ordinalsFor(users);
        List<Event> stored = new ArrayList<>(good.size());
        int erasing = 0;
        for (int k = 0; k < good.size(); k++) {
            IncomingEvent e = good.get(k);
            if (ordinals[k] < 0) { // the user is being erased at this moment: the erasure wins
                erasing++;
                errors.add(new FieldError("events[" + goodIndex[k] + "].userId",
                        "user " + e.userId() + " was being erased; send the event again"));
                continue;
            }
            stored.add(new Event(ordinals[k], e.name(),
                    e.timestamp() == null ? now : e.timestamp().truncatedTo(ChronoUnit.MICROS),
                    e.properties() == null ? EventProperties.NONE.json() : e.properties().json(), e.messageId(), now));
        }
        AppendResult r = events.append(stored);
        // An erasure that ran between the lookup and the append: its deletes may have come before these rows.
        // It marked the ordinal erased first, so whichever runs last removes them.
        Set<Integer> erased = new HashSet<>();
        for (Event e : stored) {
            if (directory.erased(e.ordinal()) && erased.add(e.ordinal())) events.deleteFor(e.ordinal());
        }
        return new IngestResult(r.stored(), r.duplicates(), batch.size() - good.size() + erasing, errors);
    }

    public List<Event> newestFor(String userId, int limit) {
        int ordinal = profiles.find(userId).orElseThrow(() -> new NotFoundException("no profile with userId " + userId))
                .ordinal();
        return events.newestFor(ordinal, limit);
    }

    public long count() {
        return events.count();
    }
}
