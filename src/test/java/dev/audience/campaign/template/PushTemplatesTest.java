package dev.audience.campaign.template;

import dev.audience.campaign.PushContent;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.profile.Profile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushTemplatesTest {
    private static final Map<String, Object> EXTRA = Map.of("campaign", Map.of("name", "Spring sale"));
    private final PushTemplates templates = new PushTemplates();

    private static Profile ada() {
        return EmailTemplatesTest.profile("ada", Map.of("first_name", "Ada", "plan", "pro", "order", 42));
    }

    private static PushContent personalised() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", "{{ profile.order }}");
        data.put("count", 3);
        data.put("vip", true);
        data.put("nested", Map.of("greeting", "hi {{ profile.first_name }}", "list", List.of("{{ profile.plan }}", 7)));
        return new PushContent("Hi {{ profile.first_name | default: \"there\" }}\n{{ campaign.name }}",
                "  Your {{ profile.plan }} offer  ", "https://cdn.example/{{ profile.plan }}.png",
                "myapp://orders/{{ profile.order }}",
                List.of(new PushContent.Action("buy", "Buy {{ profile.plan | upcase }}", "https://shop.example/{{ profile.user_id }}"),
                        new PushContent.Action("later", "Later", "myapp://later")),
                data, new PushContent.Ios("default", 2, null, null, null, null, null),
                new PushContent.Android(null, "high", null, null, null, null, null));
    }

    @Test
    void rendersEveryTemplateFieldForAProfileAndKeepsTheRest() {
        RenderedPush r = templates.render(personalised(), ada(), EXTRA);
        assertThat(r.title()).isEqualTo("Hi Ada Spring sale");
        assertThat(r.body()).isEqualTo("Your pro offer");
        assertThat(r.imageUrl()).isEqualTo("https://cdn.example/pro.png");
        assertThat(r.url()).isEqualTo("myapp://orders/42");
        assertThat(r.actions()).containsExactly(new PushContent.Action("buy", "Buy PRO", "https://shop.example/ada"),
                new PushContent.Action("later", "Later", "myapp://later"));
        assertThat(r.data()).containsExactly(Map.entry("orderId", "42"), Map.entry("count", 3), Map.entry("vip", true),
                Map.entry("nested", Map.of("greeting", "hi Ada", "list", List.of("pro", 7))));
        assertThat(r.ios().badge()).isEqualTo(2);
        assertThat(r.android().priority()).isEqualTo("high");
    }

    @Test
    void compilesOnceAndParsesOnlyFieldsWithLiquid() {
        CompiledPush compiled = templates.compile(personalised());
        long parsed = templates.parseCount();
        // title, body, image, url, buy label and url, orderId, greeting, list[0]: "Later", "myapp://later" are text
        assertThat(parsed).isEqualTo(9);
        for (int i = 0; i < 100; i++) templates.render(compiled, ada(), EXTRA);
        assertThat(templates.parseCount()).isEqualTo(parsed);
    }

    @Test
    void aCompiledPushRendersEachRecipientsOwnValuesFromManyThreads() throws Exception {
        CompiledPush compiled = templates.compile(personalised());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String name = "user" + Thread.currentThread().threadId() + "-" + i;
                        Profile p = EmailTemplatesTest.profile(name, Map.of("first_name", name, "plan", "p", "order", i));
                        RenderedPush r = templates.render(compiled, p, EXTRA);
                        if (!r.title().equals("Hi " + name + " Spring sale") || !r.data().get("orderId").equals(String.valueOf(i))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) assertThat(f.get()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void syntaxErrorsNameTheFieldPathAndPosition() {
        PushContent bad = new PushContent("Hi {{ profile.first_name", "ok",
                null, null, List.of(new PushContent.Action("a", "{% if x %}yes", "myapp://a")),
                Map.of("deep", Map.of("list", List.of("fine", "{{ x | nosuchfilter }}"))), null, null);
        assertThat(templates.check(bad)).extracting(TemplateProblem::field)
                .containsExactly("title", "actions[0].label", "data.deep.list[1]");
        assertThatThrownBy(() -> templates.compile(bad)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(FieldError::field)
                        .containsExactly("title", "actions[0].label", "data.deep.list[1]"));
        assertThat(templates.check(personalised())).isEmpty();
    }

    @Test
    void optionalLinksThatRenderEmptyAreLeftOut() {
        PushContent c = new PushContent("t", "b", "{% if profile.vip %}https://cdn.example/vip.png{% endif %}",
                "{{ profile.link }}", null, null, null, null);
        RenderedPush r = templates.render(c, ada(), Map.of());
        assertThat(r.imageUrl()).isNull();
        assertThat(r.url()).isNull();
    }

    @Test
    void aValueThatBreaksARuleForOneRecipientFailsThatRender() {
        Profile odd = EmailTemplatesTest.profile("odd", Map.of("first_name", " ", "link", "not a link", "host", "x y"));
        assertThatThrownBy(() -> templates.render(PushContent.of("{{ profile.first_name }}", "b"), odd, Map.of()))
                .isInstanceOf(TemplateRenderException.class).hasMessageContaining("title")
                .hasMessageContaining("rendered empty");
        assertThatThrownBy(() -> templates.render(new PushContent("t", "b", null, "{{ profile.link }}", null, null, null, null),
                odd, Map.of())).isInstanceOf(TemplateRenderException.class)
                .satisfies(e -> assertThat(((TemplateRenderException) e).field()).isEqualTo("url"))
                .hasMessageContaining("\"not a link\"");
        assertThatThrownBy(() -> templates.render(new PushContent("t", "b", "https://{{ profile.host }}/i.png", null, null,
                null, null, null), odd, Map.of()))
                .satisfies(e -> assertThat(((TemplateRenderException) e).field()).isEqualTo("imageUrl"));
        assertThatThrownBy(() -> templates.render(new PushContent("t", "b", null, null,
                List.of(new PushContent.Action("a", "A", "{{ profile.link }}")), null, null, null), odd, Map.of()))
                .satisfies(e -> assertThat(((TemplateRenderException) e).field()).isEqualTo("actions[0].url"));
        assertThatThrownBy(() -> templates.render(PushContent.of("t", "{{ 1 | divided_by: 0 }}"), odd, Map.of()))
                .satisfies(e -> assertThat(((TemplateRenderException) e).field()).isEqualTo("body"));
    }

    @Test
    void asWrittenTakesTheTemplatesLiterally() {
        RenderedPush r = RenderedPush.asWritten(personalised());
        assertThat(r.title()).isEqualTo("Hi {{ profile.first_name | default: \"there\" }}\n{{ campaign.name }}");
        assertThat(r.data().get("orderId")).isEqualTo("{{ profile.order }}");
    }
}
