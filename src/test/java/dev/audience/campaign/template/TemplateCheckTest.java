package dev.audience.campaign.template;

import dev.audience.campaign.EmailContent;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class TemplateCheckTest {
    private final EmailTemplates templates = new EmailTemplates();

    private static EmailContent text(String text) {
        return new EmailContent("Acme", "news@acme.example", null, "Subject", text, null);
    }

    private TemplateProblem onlyProblem(EmailContent c) {
        List<TemplateProblem> problems = templates.check(c);
        assertThat(problems).hasSize(1);
        return problems.getFirst();
    }

    @Test
    void validContentHasNoProblems() {
        assertThat(templates.check(new EmailContent("Acme", "news@acme.example", "help@acme.example",
                "Hi {{ profile.first_name | default: 'there' }}", "Text {{ unsubscribe_url }}",
                "<p>{% if profile.vip %}VIP{% endif %}</p>{% raw %}{{ not liquid {% endraw %}{% comment %} draft: add a coupon {% endcomment %}")))
                .isEmpty();
    }

    @Test
    void anUnclosedIfIsReportedWhereItOpens() {
        TemplateProblem p = onlyProblem(text("Hello\nWelcome to Acme\n{% if profile.vip %}\nYou are a VIP\n"));
        assertThat(p.field()).isEqualTo("text");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isEqualTo(1);
        assertThat(p.message()).contains("{% if %} is never closed").contains("{% endif %}");
    }

    @Test
    void anUnterminatedOutputIsReportedAtItsBraces() {
        EmailContent c = new EmailContent("Acme", "news@acme.example", null, "Hi {{ profile.name",
                "ok", "<p>\n  {{ profile.name\n</p>\n<p>{{ profile.email }}</p>");
        assertThat(templates.check(c))
                .extracting(TemplateProblem::field, TemplateProblem::line, TemplateProblem::column)
                .containsExactly(tuple("subject", 1, 4), tuple("html", 2, 3));
        assertThat(templates.check(c).getFirst().message()).contains("{{ is never closed").contains("}}");
    }

    @Test
    void anUnterminatedTagIsReported() {
        TemplateProblem p = onlyProblem(text("a\nb {% if profile.vip \nc"));
        assertThat(p).extracting(TemplateProblem::line, TemplateProblem::column).containsExactly(2, 3);
        assertThat(p.message()).contains("{% is never closed");
    }

    @Test
    void anEndTagClosingTheWrongBlockNamesTheOpenOne() {
        TemplateProblem p = onlyProblem(text("{% for t in profile.tags %}\n{% if t %}{{ t }}\n{% endfor %}"));
        assertThat(p).extracting(TemplateProblem::line, TemplateProblem::column).containsExactly(3, 1);
        assertThat(p.message()).contains("{% if %} on line 2 is still open").contains("add {% endif %}");
    }

    @Test
    void aStrayEndTagIsReported() {
        TemplateProblem p = onlyProblem(text("Hello\n  {% endif %}"));
        assertThat(p).extracting(TemplateProblem::line, TemplateProblem::column).containsExactly(2, 3);
        assertThat(p.message()).contains("{% endif %} has no {% if %}");
    }

    @Test
    void elseOutsideABlockIsReported() {
        TemplateProblem p = onlyProblem(text("a {% else %} b"));
        assertThat(p).extracting(TemplateProblem::line, TemplateProblem::column).containsExactly(1, 3);
        assertThat(p.message()).contains("{% else %} can only be used inside");
    }

    @Test
    void anUnknownTagIsNamed() {
        TemplateProblem p = onlyProblem(text("Hello\n  {% bogus %}"));
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isBetween(3, 6);
        assertThat(p.message()).contains("no Liquid tag named \"bogus\"");
    }

    @Test
    void anUnknownFilterIsNamed() {
        TemplateProblem p = onlyProblem(text("Hi\n{{ profile.first_name | upcasee }}"));
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isPositive();
        assertThat(p.message()).contains("no filter named \"upcasee\"");
    }

    @Test
    void otherSyntaxErrorsStillComeWithAPosition() {
        TemplateProblem p = onlyProblem(text("line one\n{{ profile.first_name | }}"));
        assertThat(p.field()).isEqualTo("text");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isPositive();
        assertThat(p.message()).contains("Liquid cannot read this part").contains("near");
    }

    @Test
    void eachTemplateFieldIsCheckedSeparately() {
        assertThat(templates.check(new EmailContent("Acme", "news@acme.example", null, "{% if x %}", "{{ x",
                "ok\n{% endfor %}")))
                .extracting(TemplateProblem::field, TemplateProblem::line)
                .containsExactly(tuple("subject", 1), tuple("text", 1), tuple("html", 2));
    }

    @Test
    void senderAndReplyToAreValidated() {
        String longName = "n".repeat(EmailTemplates.MAX_FROM_NAME + 1);
        assertThat(templates.check(new EmailContent("", "not-an-address", "also wrong", "s", "t", null)))
                .extracting(TemplateProblem::field, TemplateProblem::line, TemplateProblem::column)
                .containsExactly(tuple("fromName", 0, 0), tuple("fromEmail", 0, 0), tuple("replyTo", 0, 0));
        assertThat(templates.check(new EmailContent(longName, "news@acme.example", null, "s", "t", null)))
                .extracting(TemplateProblem::field).containsExactly("fromName");
        assertThat(templates.check(new EmailContent("Acme\r\nBcc: x", "news@acme.example", null, "s", "t", null)))
                .extracting(TemplateProblem::field).containsExactly("fromName");
        assertThat(templates.check(new EmailContent("n".repeat(EmailTemplates.MAX_FROM_NAME), "news@acme.example",
                null, "s", "t", null))).isEmpty();
        assertThat(templates.check(new EmailContent(null, null, null, "s", "t", null)))
                .extracting(TemplateProblem::field).containsExactly("fromName", "fromEmail");
    }

    @Test
    void subjectAndPlainTextAreRequiredAndHtmlIsOptionalButNotEmpty() {
        assertThat(templates.check(new EmailContent("Acme", "news@acme.example", null, " ", null, "  ")))
                .extracting(TemplateProblem::field).containsExactly("subject", "text", "html");
        assertThat(templates.check(new EmailContent("Acme", "news@acme.example", null, "s", "", "<p>hi</p>")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("plain-text"));
    }

    @Test
    void problemsBecomeFieldErrorsWithTheirPosition() {
        assertThat(new TemplateProblem("html", 3, 7, "fix it").toFieldError())
                .isEqualTo(new FieldError("html", "line 3, column 7: fix it"));
        assertThat(new TemplateProblem("fromEmail", 0, 0, "is required").toFieldError())
                .isEqualTo(new FieldError("fromEmail", "is required"));
    }

    @Test
    void compileRefusesInvalidTemplatesWithEveryFieldsError() {
        assertThatThrownBy(() -> templates.compile(new EmailContent("Acme", "news@acme.example", null, "{{ x", null,
                "<p>\n{% if x %}")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(FieldError::field)
                        .containsExactly("subject", "text", "html"))
                .hasMessageContaining("html: line 2, column 1");
    }
}
