package dev.audience.http.console;

import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignPatch;
import dev.audience.campaign.CampaignService;
import dev.audience.campaign.CampaignStatus;
import dev.audience.common.Change;
import dev.audience.common.ConflictException;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.delivery.Delivery;
import dev.audience.delivery.DeliveryLedger;
import dev.audience.segment.SegmentService;
import dev.audience.segment.SegmentView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The last two steps: a test send (to an internal segment or a few userIds; what became of each message is shown as
 * the sending threads report it), then send now or at a date, time and time zone given by the person (turned into an
 * instant here and shown back in that zone), with an optional expiry.
 */
public final class CampaignSendSteps {
    private static final List<String> SEND_FIELDS = List.of("when", "date", "time", "zone", "expiryDate", "expiryTime");

    private final CampaignService campaigns;
    private final SegmentService segments;
    private final DeliveryLedger ledger;
    private final Runnable wake;
    private final Clock clock;

    CampaignSendSteps(CampaignService campaigns, SegmentService segments, DeliveryLedger ledger, Runnable wake, Clock clock) {
        this.campaigns = campaigns;
        this.segments = segments;
        this.ledger = ledger;
        this.wake = wake;
        this.clock = clock;
    }

    /** The rows of one test send as they are now; {@code pending} while any has not settled (the part polls). */
    public record TestRun(String campaignId, String run, List<Delivery> rows, Map<Long, List<DeliveryLedger.Attempt>> devices,
                          boolean pending) {}

    /** {@code result} and {@code run}: what the test send just did (null before one). */
    public record TestModel(Campaign campaign, Form form, List<SegmentView> internal, CampaignService.TestSend result,
                            TestRun run, String testSegment) {}

    public record SendModel(Campaign campaign, Form form, CampaignAudienceStep.Plan plan, List<String> zones) {}

    void register(RoutesConfig r) {
        r.get("/console/campaigns/{id}/test", ctx -> showTest(ctx, campaigns.get(ctx.pathParam("id")),
                Form.empty(), null, null), ConsoleAccess.EDITOR);
        r.post("/console/campaigns/{id}/test", this::test, ConsoleAccess.EDITOR);
        r.get("/console/campaigns/{id}/test/{run}", ctx -> Pages.renderPart(ctx, "campaignTestRun.jte", "run",
                run(campaigns.get(ctx.pathParam("id")).id(), ctx.pathParam("run"))), ConsoleAccess.VIEWER);
        r.get("/console/campaigns/{id}/send", ctx -> showSend(ctx, draft(ctx), defaults()), ConsoleAccess.EDITOR);
        r.post("/console/campaigns/{id}/send", this::send, ConsoleAccess.EDITOR);
    }

    private Campaign draft(Context ctx) {
        Campaign c = campaigns.get(ctx.pathParam("id"));
        if (c.status() != CampaignStatus.DRAFT) {
            throw new ConflictException("campaign \"" + c.name() + "\" is " + c.status().wireName() + "; only a draft can be sent");
        }
        return c;
    }

    private void showTest(Context ctx, Campaign c, Form form, CampaignService.TestSend result, TestRun run) {
        List<SegmentView> internal = segments.list().stream().filter(v -> v.segment().internal()).toList();
        String chosen = form.value("segment");
        Pages.render(ctx, "campaignTest.jte", Pages.chrome(ctx, c.name(), "campaigns"), "page",
                new TestModel(c, form, internal, result, run, chosen.isEmpty() ? null : chosen));
    }

    private void test(Context ctx) {
        Campaign c = campaigns.get(ctx.pathParam("id"));
        Form form = Form.empty().with("segment", Pages.field(ctx, "segment")).with("userIds", Pages.field(ctx, "userIds"));
        List<String> userIds = SegmentPage.userIds(form.value("userIds"));
        String segment = form.value("segment").isEmpty() ? null : form.value("segment");
        if (segment == null && userIds.isEmpty()) form.error("segment", "choose an internal segment, or give userIds below");
        if (segment != null && !userIds.isEmpty()) form.error("segment", "choose a segment or give userIds, not both");
        Optional<CampaignService.TestSend> sent = form.hasErrors() ? Optional.empty() : form.save(
                () -> campaigns.testSend(c.id(), segment, userIds.isEmpty() ? null : userIds), List.of("segment", "userIds"),
                "segment");
        if (sent.isPresent()) {
            wake.run();
            ctx.status(202);
            showTest(ctx, c, form, sent.get(), c.isBanner() ? null : run(c.id(), sent.get().run()));
            return;
        }
        ctx.status(422);
        showTest(ctx, c, form, null, null);
    }

    private TestRun run(String campaignId, String run) {
        List<Delivery> rows = ledger.testRun(campaignId, run);
        Map<Long, List<DeliveryLedger.Attempt>> devices = ledger.attempts(rows.stream().map(Delivery::id).toList()).stream()
                .collect(Collectors.groupingBy(DeliveryLedger.Attempt::deliveryId));
        boolean pending = rows.stream().anyMatch(d -> Progress.PENDING.contains(d.state()));
        return new TestRun(campaignId, run, rows, devices, pending);
    }

    /** UTC, tomorrow at 09:00: a time that is in the future and round. */
    private Form defaults() {
        LocalDateTime tomorrow = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        return Form.empty().with("when", "now").with("zone", "UTC").with("date", tomorrow.toLocalDate().toString())
                .with("time", "09:00");
    }

    private void showSend(Context ctx, Campaign c, Form form) {
        Pages.render(ctx, "campaignSend.jte", Pages.chrome(ctx, c.name(), "campaigns"), "page",
                new SendModel(c, form, new CampaignAudienceStep.Plan(c.channel(), campaigns.plan(c.id()), null), SendTime.ZONES));
    }

    private void send(Context ctx) {
        Campaign c = draft(ctx);
        Form form = Form.empty();
        for (String f : SEND_FIELDS) form.with(f, Pages.field(ctx, f));
        boolean later = "later".equals(form.value("when"));
        ZoneId zone = SendTime.zone(form, "zone");
        Instant sendAt = later ? SendTime.instant(form, "date", "time", zone) : null;
        Instant now = clock.instant();
        if (sendAt != null && !sendAt.isAfter(now)) {
            form.error("time", "is in the past (it is " + Format.timeIn(now.truncatedTo(ChronoUnit.MINUTES), zone)
                    + " now); choose a later time, or send now");
        }
        boolean expires = !form.value("expiryDate").isEmpty() || !form.value("expiryTime").isEmpty();
        Instant expiresAt = expires ? SendTime.instant(form, "expiryDate", "expiryTime", zone) : null;
        // checked before anything is saved, so that a refused send leaves the draft's expiry as it was
        if (expiresAt != null && !expiresAt.isAfter(sendAt != null ? sendAt : now)) {
            form.error("expiryDate", "must be after the time it " + (c.isBanner() ? "starts" : "sends")
                    + (sendAt != null ? " (" + Format.timeIn(sendAt, zone) + ")" : " (now)"));
        }
        if (!form.hasErrors()) {
            try {
                if (expiresAt != null) {
                    campaigns.patch(c.id(), new CampaignPatch(Change.absent(), Change.absent(), Change.absent(),
                            Change.absent(), Change.to(expiresAt)));
                }
                campaigns.schedule(c.id(), sendAt, zone);
                wake.run();
                Pages.seeOther(ctx, "/console/campaigns/" + c.id());
                return;
            } catch (InvalidInputException e) {
                for (FieldError err : e.errors()) {
                    form.error(err.field().equals("expiresAt") ? "expiryDate" : err.field().equals("sendAt") ? "date" : "when",
                            err.message());
                }
            } catch (ConflictException e) {
                form.error("when", e.getMessage());
            }
        }
        ctx.status(422);
        showSend(ctx, c, form);
    }
}
