package dev.audience.campaign.template;

import dev.audience.campaign.EmailContent;
import dev.audience.common.InvalidInputException;
import dev.audience.profile.EmailStatus;
import dev.audience.profile.Profile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailTemplatesTest {
    private static final Instant CREATED = Instant.parse("2024-03-05T10:00:00Z");
    private static final Map<String, Object> EXTRA = Map.of("unsubscribe_url", "https://mail.example.com/u/TOKEN",
            "campaign", Map.of("name", "Spring sale"));

    private final EmailTemplates templates = new EmailTemplates();

    static Profile profile(String userId, Map<String, Object> attributes) {
        return new Profile(7, userId, userId + "@example.com", EmailStatus.SUBSCRIBED, "Europe/Paris", "fr",
                attributes, List.of(), CREATED, CREATED, 1);
    }

    static EmailContent content(String subject, String text, String html) {
        return new EmailContent("Acme News", "news@acme.example", null, subject, text, html);
    }

    @Test
    void rendersSubjectTextAndHtmlForARealProfile() {
        EmailContent c = content(
                "Hi {{ profile.first_name | default: \"there\" }}, your {{ profile.plan }} plan",
                "Hello {{ profile.first_name }} ({{ profile.email }}, {{ profile.email_status }}, {{ profile.locale }})\n"
                        + "Member since {{ profile.created_at | date: \"%Y-%m-%d\" }}.\nUnsubscribe: {{ unsubscribe_url }}",
                "<p>{{ campaign.name }} for {{ profile.attributes.first_name }} ({{ profile.user_id }})</p>"
                        + "{% for t in profile.tags %}<i>{{ t }}</i>{% endfor %}"
                        + "{% if profile.vip %}VIP{% else %}regular{% endif %}"
                        + "<a href=\"{{ unsubscribe_url }}\">unsubscribe</a>");
        RenderedEmail e = templates.render(templates.compile(c),
                profile("u-7", Map.of("first_name", "Ann", "plan", "pro", "tags", List.of("a", "b"))), EXTRA);

        assertThat(e.subject()).isEqualTo("Hi Ann, your pro plan");
        assertThat(e.text()).isEqualTo("Hello Ann (u-7@example.com, subscribed, fr)\nMember since 2024-03-05.\n"
                + "Unsubscribe: https://mail.example.com/u/TOKEN");
        assertThat(e.html()).isEqualTo("<p>Spring sale for Ann (u-7)</p><i>a</i><i>b</i>regular"
                + "<a href=\"https://mail.example.com/u/TOKEN\">unsubscribe</a>");
    }

    @Test
    void defaultFilterCoversMissingAttributes() {
        RenderedEmail e = templates.render(content("Hi {{ profile.first_name | default: 'there' }}!", "x", null),
                profile("u-1", Map.of()), Map.of());
        assertThat(e.subject()).isEqualTo("Hi there!");
        assertThat(e.html()).as("text only").isNull();
    }

    @Test
    void unknownVariablesRenderEmpty() {
        RenderedEmail e = templates.render(content("[{{ nope }}][{{ profile.nope.deeper }}][{{ campaign.nope }}]",
                "{% if profile.missing %}shown{% endif %}|{{ profile.missing | upcase }}|", null),
                profile("u-1", Map.of()), EXTRA);
        assertThat(e.subject()).isEqualTo("[][][]");
        assertThat(e.text()).isEqualTo("||");
    }

    @Test
    void builtInFieldsWinOverAttributesOfTheSameName() {
        RenderedEmail e = templates.render(content("{{ profile.email }} / {{ profile.attributes.email }}", "x", null),
                profile("u-1", Map.of("email", "spoof@evil.example")), Map.of("profile", "ignored"));
        assertThat(e.subject()).isEqualTo("u-1@example.com / spoof@evil.example");
    }

    @Test
    void aSubjectStaysOneHeaderLine() {
        RenderedEmail e = templates.render(content("Hi {{ profile.name }}", "x", null),
                profile("u-1", Map.of("name", "Ann\r\nBcc: victim@example.com")), Map.of());
        assertThat(e.subject()).isEqualTo("Hi Ann Bcc: victim@example.com");
    }

    @Test
    void htmlIsNotEscapedUnlessTheAuthorAsks() {
        RenderedEmail e = templates.render(content("s", "{{ profile.company }}", "{{ profile.company }}|{{ profile.company | escape }}"),
                profile("u-1", Map.of("company", "<b>A&B</b>")), Map.of());
        assertThat(e.text()).isEqualTo("<b>A&B</b>");
        assertThat(e.html()).isEqualTo("<b>A&B</b>|&lt;b&gt;A&amp;B&lt;/b&gt;");
    }

    @Test
    void numbersAndTextCompareWithoutFailingTheRender() {
        String tpl = "{% if profile.seats > 10 %}big{% else %}small{% endif %}";
        assertThat(templates.render(content("s", tpl, null), profile("a", Map.of("seats", 12)), Map.of()).text()).isEqualTo("big");
        assertThat(templates.render(content("s", tpl, null), profile("b", Map.of("seats", "many")), Map.of()).text())
                .isEqualTo("small");
    }

    @Test
    void aFailingRenderNamesTheField() {
        CompiledEmail email = templates.compile(content("s", "ok", "{{ 10 | divided_by: profile.zero }}"));
        assertThatThrownBy(() -> templates.render(email, profile("u-1", Map.of("zero", 0)), Map.of()))
                .isInstanceOf(TemplateRenderException.class)
                .satisfies(e -> assertThat(((TemplateRenderException) e).field()).isEqualTo("html"))
                .hasMessageContaining("html");
    }

    @Test
    void runawayLoopsAreStopped() {
        CompiledEmail email = templates.compile(content("s", "{% for i in (1..100000000) %}x{% endfor %}", null));
        assertThatThrownBy(() -> templates.render(email, profile("u-1", Map.of()), Map.of()))
                .isInstanceOf(TemplateRenderException.class);
    }

    @Test
    void includeIsRefusedBecauseItReadsServerFiles() {
        EmailContent c = content("s", "Hello\n  {% include 'footer' %}", null);
        assertThat(templates.check(c)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("text");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(3);
            assertThat(p.message()).contains("{% include %} is not available");
        });
        assertThatThrownBy(() -> templates.compile(c)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("text: line 2, column 3");
    }

    @Test
    void compiledOnceThenRenderedAHundredThousandTimesWithoutParsing() {
        CompiledEmail email = templates.compile(content("Hi {{ profile.first_name }}", "n={{ n }}",
                "<p>{{ profile.first_name | upcase }}</p>"));
        assertThat(templates.parseCount()).isEqualTo(3);
        Profile ann = profile("u-1", Map.of("first_name", "Ann"));
        RenderedEmail last = null;
        for (int i = 0; i < 100_000; i++) {
            last = templates.render(email, ann, Map.of("n", i));
        }
        assertThat(templates.parseCount()).isEqualTo(3);
        assertThat(last).isEqualTo(new RenderedEmail("Hi Ann", "n=99999", "<p>ANN</p>"));
    }

    @Test
    void oneCompiledEmailRendersEachRecipientsOwnDataAcrossThreads() throws Exception {
        // liqp's own Template.render shares one context field between threads; this would fail with it.
        CompiledEmail email = templates.compile(content("Hi {{ profile.first_name }}",
                "{% assign greeting = profile.first_name | prepend: 'Dear ' %}{{ greeting }}", null));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < 5_000; i++) {
                        String name = "n" + thread + "_" + i;
                        RenderedEmail e = templates.render(email, profile("u", Map.of("first_name", name)), Map.of());
                        if (!e.subject().equals("Hi " + name) || !e.text().equals("Dear " + name)) wrong++;
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> r : results) assertThat(r.get()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void renderingContentDirectlyParsesEachTime() {
        templates.render(content("a", "b", "c"), profile("u", Map.of()), Map.of());
        templates.render(content("a", "b", null), profile("u", Map.of()), Map.of());
        assertThat(templates.parseCount()).isEqualTo(5);
    }

    @Test
    void extraValuesMayBeNull() {
        Map<String, Object> extra = new HashMap<>();
        extra.put("coupon", null);
        assertThat(templates.render(content("{{ coupon | default: 'none' }}", "x", null), profile("u", Map.of()), extra)
                .subject()).isEqualTo("none");
    }
}
