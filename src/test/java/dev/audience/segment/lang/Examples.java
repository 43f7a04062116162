package dev.audience.segment.lang;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The definitions of the documentation, in both forms; the round-trip tests run over all of them. */
final class Examples {
    private Examples() {}

    static final List<String> TEXT = List.of(
            "did page_view where url = \"/pricing\" in last 30 days and not did purchase ever",
            "did purchase where amount >= 100 and currency in (\"EUR\", \"USD\") at least 2 times in last 90 days",
            "email_status = \"subscribed\" and plan in (\"pro\", \"team\") and created_at in last 7 days",
            "in segment \"beta\" or (did app_open exactly 3 times between 2026-01-01 and 2026-01-31)",
            "did not signup ever and country != \"FR\"",
            "did page_view where referrer is set and url starts with \"/blog\"",
            "did page_view where url = \"/pricing\" in last 30 days and plan in (\"pro\", \"team\")",
            "did purchase at least 2 times in last 90 days",
            "did app_open in last 30 days and not did app_open in last 7 days",
            "did not app_open in last 60 days and created_at < 2026-01-01",
            "created_at in last 7 days and not did onboarding_completed ever",
            "plan = \"free\" and did upgrade_clicked at least 3 times in last 14 days",
            "locale starts with \"fr\" or timezone = \"Europe/Paris\"",
            "in segment \"newsletter\" and not in segment \"churned\"",
            "did checkout_started in last 1 day and did not purchase in last 1 day",
            "(plan = \"pro\" or plan = \"team\") and did export ever",
            "email contains \"@example.com\" and email_status in (\"subscribed\")",
            "did video_played where seconds > 12.5 and autoplay = false at most 2 times in last 24 hours",
            "created_at between 2026-01-01T09:30:00Z and 2026-01-02T09:30:00+02:00",
            "did `Signed Up` where `utm source` = 'ads' ever and attributes.email = \"x\\\"y\"",
            "did $identify once ever and vip = true and score >= -3 and age is not set",
            "not not in segment \"beta\"",
            "did page_view where path not in (\"/\", \"/home\") exactly 0 times in last 30 minutes",
            "updated_at >= 2026-03-01T12:00:00Z and attributes.`first name` is set");

    /** JSON definitions as a JSON library reads them (Integer for small whole numbers, BigDecimal here for decimals). */
    static final List<Object> JSON = List.of(
            Map.of("and", List.of(
                    Map.of("did", Map.of("event", "page_view",
                            "where", List.of(Map.of("property", "url", "op", "=", "value", "/pricing")),
                            "window", Map.of("last", 30, "unit", "days"))),
                    Map.of("profile", Map.of("field", "plan", "op", "in", "values", List.of("pro", "team"))))),
            Map.of("did", Map.of("event", "purchase",
                    "where", List.of(Map.of("property", "amount", "op", ">=", "value", 100),
                            Map.of("property", "currency", "op", "in", "values", List.of("EUR", "USD"))),
                    "count", Map.of("atLeast", 2),
                    "window", Map.of("last", 90, "unit", "days"))),
            Map.of("or", List.of(
                    Map.of("inSegment", "beta"),
                    Map.of("did", Map.of("event", "app_open", "count", Map.of("exactly", 3),
                            "window", Map.of("between", List.of("2026-01-01", "2026-01-31")))))),
            Map.of("and", List.of(
                    Map.of("didNot", Map.of("event", "signup")),
                    Map.of("profile", Map.of("field", "country", "op", "!=", "value", "FR")))),
            Map.of("and", List.of(
                    Map.of("profile", Map.of("field", "email_status", "op", "=", "value", "subscribed")),
                    Map.of("profile", Map.of("field", "created_at", "window", Map.of("last", 7, "unit", "days"))),
                    Map.of("not", Map.of("inSegment", "churned")))),
            Map.of("did", Map.of("event", "page_view", "where", List.of(
                    Map.of("property", "referrer", "op", "is set"),
                    Map.of("property", "url", "op", "starts with", "value", "/blog"),
                    Map.of("property", "ratio", "op", "<", "value", new BigDecimal("0.25")),
                    Map.of("property", "beta", "op", "=", "value", true)),
                    "count", Map.of("atMost", 5),
                    "window", Map.of("between", List.of("2026-01-01T10:00:00Z", "2026-01-01T18:00:00Z")))),
            Map.of("and", List.of(
                    Map.of("profile", Map.of("field", "attributes.email", "op", "contains", "value", "@")),
                    Map.of("profile", Map.of("field", "created_at", "op", "<", "value", "2026-01-01")),
                    Map.of("profile", Map.of("field", "signup_day", "op", "=", "value", "2026-01-01")))));
}
