package dev.audience.campaign.template;

import dev.audience.campaign.PushContent;
import dev.audience.campaign.PushContentRules;
import dev.audience.common.InvalidInputException;
import dev.audience.profile.Profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks and renders push notifications written in Liquid, with the same compiler, variables and limits as
 * {@link EmailTemplates}: {@code {{ profile.first_name | default: "there" }}} works in the title, body, image URL,
 * link, button labels and URLs, and in string values of {@code data} (at any depth). Keys and the iOS and
 * Android options are sent as written.
 *
 * <p>{@link #check} when content is saved (field rules are {@link PushContentRules}'); {@link #compile} once when
 * a send starts; {@link #render} per recipient, from any number of threads.
 */
public final class PushTemplates {
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    private final LiquidCompiler compiler = new LiquidCompiler();

    /** The Liquid syntax errors in {@code c}, each with its field path and position; empty when it all parses. */
    public List<TemplateProblem> check(PushContent c) {
        List<TemplateProblem> problems = new ArrayList<>();
        compileAll(Objects.requireNonNull(c, "content"), problems);
        return List.copyOf(problems);
    }

    /**
     * Parses every template in {@code c} once, for rendering to every recipient of a send.
     *
     * @throws InvalidInputException when a template is not valid Liquid (one error per field) or the title or body
     *                               is missing
     */
    public CompiledPush compile(PushContent c) {
        Objects.requireNonNull(c, "content");
        List<TemplateProblem> problems = new ArrayList<>();
        if (c.title() == null) problems.add(TemplateProblem.ofField("title", "is required"));
        if (c.body() == null) problems.add(TemplateProblem.ofField("body", "is required"));
        CompiledPush compiled = compileAll(c, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream().map(TemplateProblem::toFieldError).toList());
        }
        return compiled;
    }

    /**
     * {@code push} personalised for {@code profile}, with {@code extra} as top-level variables. Surrounding
     * whitespace is trimmed and the title's line breaks become spaces; an image URL or link that renders empty
     * is left out.
     *
     * @throws TemplateRenderException when a template fails for this recipient, the title, body or a button
     *                                 renders empty, or a URL renders to something that is not one
     */
    public RenderedPush render(CompiledPush push, Profile profile, Map<String, ?> extra) {
        Objects.requireNonNull(push, "push");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(extra, "extra");
        Renderer r = new Renderer(profile, extra);
        String title = required("title", LINE_BREAKS.matcher(r.render(push.title())).replaceAll(" "));
        String body = required("body", r.render(push.body()).strip());
        String image = push.imageUrl() == null ? null : emptyToNull(r.render(push.imageUrl()).strip());
        if (image != null && !PushContentRules.validImageUrl(image)) {
            throw invalid("imageUrl", image, "an https:// URL");
        }
        String url = push.url() == null ? null : link("url", emptyToNull(r.render(push.url()).strip()));
        List<PushContent.Action> actions = new ArrayList<>();
        for (int i = 0; i < push.actions().size(); i++) {
            CompiledPush.CompiledAction a = push.actions().get(i);
            String at = "actions[" + i + "]";
            String label = required(at + ".label", r.render(a.label()).strip());
            String target = required(at + ".url", r.render(a.url()).strip());
            actions.add(new PushContent.Action(a.id(), label, link(at + ".url", target)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) r.renderData(push.data());
        PushContent c = push.content();
        return new RenderedPush(title, body, image, url, actions, data, c.ios(), c.android());
    }

    /** Compiles and renders in one step, for a preview or a single test send. */
    public RenderedPush render(PushContent c, Profile profile, Map<String, ?> extra) {
        return render(compile(c), profile, extra);
    }

    /** How many templates this instance has parsed; rendering parses none. */
    public long parseCount() {
        return compiler.parses();
    }

    private CompiledPush compileAll(PushContent c, List<TemplateProblem> problems) {
        CompiledPush.Field title = field("title", c.title(), problems);
        CompiledPush.Field body = field("body", c.body(), problems);
        CompiledPush.Field image = field("imageUrl", c.imageUrl(), problems);
        CompiledPush.Field url = field("url", c.url(), problems);
        List<CompiledPush.CompiledAction> actions = new ArrayList<>();
        for (int i = 0; i < c.actions().size(); i++) {
            PushContent.Action a = c.actions().get(i);
            if (a == null) continue;
            actions.add(new CompiledPush.CompiledAction(a.id(), field("actions[" + i + "].label", a.label(), problems),
                    field("actions[" + i + "].url", a.url(), problems)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) compileData("data", c.data(), problems);
        if (!problems.isEmpty()) return null;
        return new CompiledPush(c, title, body, image, url, actions, data);
    }

    /** Strings become fields, maps and lists are walked, anything else (numbers, booleans) is kept. */
    private Object compileData(String path, Object value, List<TemplateProblem> problems) {
        if (value instanceof String s) return field(path, s, problems);
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), compileData(path + "." + k, v, problems)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) out.add(compileData(path + "[" + i + "]", l.get(i), problems));
            return out;
        }
        return value;
    }

    private CompiledPush.Field field(String name, String source, List<TemplateProblem> problems) {
        if (source == null) return null;
        if (!source.contains("{{") && !source.contains("{%")) return CompiledPush.Field.text(source);
        try {
            return CompiledPush.Field.template(compiler.compile(name, source));
        } catch (TemplateSyntaxException e) {
            problems.add(e.problem());
            return null;
        }
    }

    private static String link(String field, String link) {
        if (link != null && !PushContentRules.validLink(link)) {
            throw invalid(field, link, "a URL or deep link with a scheme");
        }
        return link;
    }

    private static String required(String field, String value) {
        String v = value.strip();
        if (v.isEmpty()) throw new TemplateRenderException(field, "it rendered empty for this profile", null);
        return v;
    }

    private static TemplateRenderException invalid(String field, String value, String what) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return new TemplateRenderException(field, "it rendered to \"" + shown + "\", which is not " + what, null);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** Renders fields for one recipient; each field gets its own variables, as {@code assign} may change them. */
    private record Renderer(Profile profile, Map<String, ?> extra) {
        String render(CompiledPush.Field f) {
            return f.render(TemplateVariables.of(profile, extra));
        }

        Object renderData(Object value) {
            if (value instanceof CompiledPush.Field f) return render(f);
            if (value instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), renderData(v)));
                return out;
            }
            if (value instanceof List<?> l) return l.stream().map(this::renderData).toList();
            return value;
        }
    }
}
