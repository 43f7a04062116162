package dev.audience.campaign.template;

import dev.audience.campaign.EmailContent;
import dev.audience.common.InvalidInputException;
import dev.audience.common.Text;
import dev.audience.profile.Profile;
import dev.audience.profile.ProfileRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks and renders campaign emails written in Liquid.
 *
 * <p>Use {@link #check} when content is saved, to tell the author what to fix and where; {@link #compile}
 * once when a send starts; {@link #render(CompiledEmail, Profile, Map)} per recipient. Rendering never
 * parses, and a {@link CompiledEmail} may be rendered from many threads at once.
 *
 * <p>Variables: see {@link TemplateVariables} — {@code profile.*} (built-in fields and attributes) and the
 * caller's extras such as {@code unsubscribe_url}. A variable no profile has renders as nothing, so
 * {@code {{ profile.first_name | default: "there" }}} reads "there" for profiles without a first name.
 *
 * <p>HTML is not escaped automatically: liqp (like Liquid) inserts values as they are, in the HTML body as in
 * the subject and text, and this class keeps that, because authors routinely put trusted HTML in variables
 * (a campaign footer, a product block) and plain text must not gain {@code &amp;} entities. The cost is that a
 * profile attribute holding {@code <b>} becomes markup in that recipient's HTML: authors who print free-form
 * attributes into HTML should write {@code {{ profile.company | escape }}}.
 */
public final class EmailTemplates {
    /** Longest sender name accepted; longer ones are cut off by mail clients anyway. */
    public static final int MAX_FROM_NAME = 200;
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    private final LiquidCompiler compiler = new LiquidCompiler();

    /**
     * Everything wrong with {@code c}, empty when it can be sent: Liquid syntax errors in the subject, text and
     * HTML (with line and column), and the sender and reply-to rules (line and column 0).
     */
    public List<TemplateProblem> check(EmailContent c) {
        Objects.requireNonNull(c, "content");
        List<TemplateProblem> problems = new ArrayList<>();
        checkSender(c, problems);
        if (isBlank(c.subject())) problems.add(TemplateProblem.ofField("subject", "is required"));
        if (isBlank(c.text())) {
            problems.add(TemplateProblem.ofField("text", "is required: every email carries a plain-text version for"
                    + " mail clients that do not show HTML"));
        }
        if (c.html() != null && c.html().isBlank()) {
            problems.add(TemplateProblem.ofField("html", "is empty: remove it to send a text-only email"));
        }
        syntax("subject", c.subject(), problems);
        syntax("text", c.text(), problems);
        syntax("html", c.html(), problems);
        return List.copyOf(problems);
    }

    /**
     * Parses {@code c}'s subject, text and HTML once, for rendering to every recipient of a send.
     *
     * @throws InvalidInputException when a template is missing or not valid Liquid (one error per field, the
     *                               position in front of the message)
     */
    public CompiledEmail compile(EmailContent c) {
        Objects.requireNonNull(c, "content");
        List<TemplateProblem> problems = new ArrayList<>();
        CompiledTemplate subject = compileOrCollect("subject", c.subject(), true, problems);
        CompiledTemplate text = compileOrCollect("text", c.text(), true, problems);
        CompiledTemplate html = compileOrCollect("html", c.html(), false, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream().map(TemplateProblem::toFieldError).toList());
        }
        return new CompiledEmail(c, subject, text, html);
    }

    /**
     * {@code email} personalised for {@code profile}, with {@code extra} (e.g. {@code unsubscribe_url},
     * {@code campaign}) as top-level variables. Line breaks in the rendered subject become single spaces: a
     * subject is one header line, and a value such as an attribute must not be able to add header lines.
     *
     * @throws TemplateRenderException when a template fails for this recipient (e.g. {@code divided_by: 0})
     */
    public RenderedEmail render(CompiledEmail email, Profile profile, Map<String, ?> extra) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(extra, "extra");
        String subject = email.subject().render(TemplateVariables.of(profile, extra));
        String text = email.text().render(TemplateVariables.of(profile, extra));
        String html = email.html() == null ? null : email.html().render(TemplateVariables.of(profile, extra));
        return new RenderedEmail(LINE_BREAKS.matcher(subject).replaceAll(" ").strip(), text, html);
    }

    /**
     * Compiles and renders in one step, for a preview or a single test send. A send to many recipients should
     * {@link #compile} once and call {@link #render(CompiledEmail, Profile, Map)}, which does not parse.
     */
    public RenderedEmail render(EmailContent c, Profile profile, Map<String, ?> extra) {
        return render(compile(c), profile, extra);
    }

    /**
     * How many templates this instance has parsed. Each {@link #compile} parses up to three (subject, text,
     * HTML) and rendering parses none; exposed so that metrics and tests can see templates are reused.
     */
    public long parseCount() {
        return compiler.parses();
    }

    private void checkSender(EmailContent c, List<TemplateProblem> problems) {
        String name = c.fromName();
        if (isBlank(name)) {
            problems.add(TemplateProblem.ofField("fromName", "is required: the sender name people see in their inbox"));
        } else if (name.length() > MAX_FROM_NAME) {
            problems.add(TemplateProblem.ofField("fromName", "must be at most " + MAX_FROM_NAME + " characters"));
        } else if (!Text.printable(name)) {
            problems.add(TemplateProblem.ofField("fromName", "must be a single line without tabs or control characters"));
        }
        String from = c.fromEmail();
        if (isBlank(from)) {
            problems.add(TemplateProblem.ofField("fromEmail", "is required: the address the email is sent from, like"
                    + " news@example.com"));
        } else if (!ProfileRules.validEmail(from)) {
            problems.add(TemplateProblem.ofField("fromEmail", "must be an email address like news@example.com"));
        }
        if (c.replyTo() != null && !ProfileRules.validEmail(c.replyTo())) {
            problems.add(TemplateProblem.ofField("replyTo", "must be an email address like support@example.com, or left"
                    + " out to have replies go to the sender address"));
        }
    }

    private void syntax(String field, String source, List<TemplateProblem> problems) {
        if (source == null || source.isBlank()) return;
        try {
            compiler.compile(field, source);
        } catch (TemplateSyntaxException e) {
            problems.add(e.problem());
        }
    }

    private CompiledTemplate compileOrCollect(String field, String source, boolean required,
                                              List<TemplateProblem> problems) {
        if (source == null) {
            if (required) problems.add(TemplateProblem.ofField(field, "is required"));
            return null;
        }
        try {
            return compiler.compile(field, source);
        } catch (TemplateSyntaxException e) {
            problems.add(e.problem());
            return null;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
