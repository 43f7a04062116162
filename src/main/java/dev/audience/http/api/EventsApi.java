package dev.audience.http.api;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.audience.event.Event;
import dev.audience.event.EventService;
import dev.audience.http.Access;
import dev.audience.http.BodyBuffers;
import dev.audience.http.Json;
import dev.audience.http.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/v1/events (batch ingest) and a profile's event timeline. */
public final class EventsApi {
    private final EventService events;
    private final long maxBody;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter rejected;
    /** A batch of 10,000 typical events is about 1.5 MB; a few requests at a time on one node. */
    private final BodyBuffers bodies = new BodyBuffers(4 << 20, 4);

    public EventsApi(EventService events, long maxBody, MeterRegistry metrics) {
        this.events = events;
        this.maxBody = maxBody;
        this.stored = metrics.counter("audience_events_stored");
        this.duplicates = metrics.counter("audience_events_duplicate");
        this.rejected = metrics.counter("audience_events_rejected");
    }

    public void register(RoutesConfig r) {
        r.post("/api/v1/events", this::ingest, Access.PUBLISHABLE);
        r.get("/api/v1/profiles/{userId}/events", this::list, Access.SECRET);
    }

    private void ingest(Context ctx) {
        Json.Body raw = Json.body(ctx, maxBody, bodies);
        EventBatchReader.Batch batch;
        try {
            batch = EventBatchReader.read(raw.bytes(), raw.length());
        } finally {
            bodies.give(raw.bytes());
        }
        EventService.IngestResult r = events.ingest(batch.events(), batch.invalid());
        stored.increment(r.accepted());
        duplicates.increment(r.duplicates());
        rejected.increment(r.rejected());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", r.accepted());
        body.put("duplicates", r.duplicates());
        body.put("rejected", r.rejected());
        body.put("errors", r.errors());
        if (r.rejected() > 0 && r.rejected() == batch.events().size()) {
            Problem p = Problem.of(400, "invalid-input", "Invalid input", "no event in the batch was valid", ctx.path())
                    .withErrors(r.errors());
            ctx.status(400).contentType(Problem.CONTENT_TYPE).result(Json.write(p));
            return;
        }
        ctx.json(body);
    }

    private void list(Context ctx) {
        int limit = Queries.intParam(ctx, "limit", 50, 1, 1000);
        List<Event> list = events.newestFor(ctx.pathParam("userId"), limit);
        ctx.json(Map.of("events", list.stream().map(EventsApi::representation).toList()));
    }

    private static Map<String, Object> representation(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("timestamp", e.timestamp().toString());
        m.put("properties", new RawValue(e.propertiesJson()));
        m.put("messageId", e.messageId());
        m.put("receivedAt", e.receivedAt().toString());
        return m;
    }
}
