package dev.audience.http.console;

import dev.audience.campaign.BannerContent;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignContent;
import dev.audience.campaign.EmailContent;
import dev.audience.campaign.PushContent;
import dev.audience.common.FieldError;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A campaign's content as form fields, both ways. The fields are named after the domain's paths under
 * {@code content} ({@code subject}, {@code actions[0].label}, {@code ios.badge}, {@code style.preset}), so that every
 * error the domain reports (a Liquid error with its line and column, a URL that is not https) lands under the field
 * it is about. Only what cannot be read at all (a badge that is not a number) is reported here.
 */
final class ContentForm {
    static final int ACTIONS = 3;
    static final List<String> EMAIL = List.of("fromName", "fromEmail", "replyTo", "subject", "text", "html");
    static final List<String> IOS = List.of("ios.sound", "ios.badge", "ios.interruptionLevel", "ios.threadId",
            "ios.category", "ios.relevanceScore", "ios.collapseId");
    static final List<String> ANDROID = List.of("android.channelId", "android.priority", "android.color", "android.icon",
            "android.tag", "android.visibility", "android.collapseKey");
    static final List<String> PUSH;
    static final List<String> BANNER = List.of("placement", "title", "body", "imageUrl", "cta.label", "cta.url",
            "style.preset", "style.background", "style.text", "style.button", "dismissible", "weight",
            "maxImpressionsPerDay");
    /** Where an error about the content as a whole is shown. */
    static final String WHOLE = "content";

    static {
        List<String> push = new ArrayList<>(List.of("title", "body", "imageUrl", "url"));
        for (int i = 0; i < ACTIONS; i++) push.addAll(List.of(action(i, "label"), action(i, "url"), action(i, "id")));
        push.add("data");
        push.addAll(IOS);
        push.addAll(ANDROID);
        PUSH = List.copyOf(push);
    }

    private ContentForm() {}

    static String action(int i, String part) {
        return "actions[" + i + "]." + part;
    }

    static List<String> fields(String channel) {
        return switch (channel) {
            case Campaign.EMAIL -> EMAIL;
            case Campaign.PUSH -> PUSH;
            case Campaign.BANNER -> BANNER;
            default -> List.of();
        };
    }

    /** The name and the channel's content fields as the request sent them (an unticked checkbox is ""). */
    static Form read(Context ctx, String channel) {
        Form form = Form.empty().with("name", Pages.field(ctx, "name"));
        for (String f : fields(channel)) {
            String v = ctx.formParam(f);
            form.with(f, v == null ? "" : "text".equals(f) || "html".equals(f) || "body".equals(f) ? v : v.strip());
        }
        return form;
    }

    /** A new campaign's form: the fields a person would otherwise fill in the same way each time. */
    static Form blank(String channel, String placement) {
        Form form = Form.empty().with("name", "");
        fields(channel).forEach(f -> form.with(f, ""));
        if (Campaign.BANNER.equals(channel)) {
            form.with("placement", placement).with("dismissible", "true").with("weight", "50").with("style.preset", "info");
        }
        return form;
    }

    /** The content the form describes; fields that cannot be read are errors on the form (and left out). */
    static CampaignContent content(String channel, Form form) {
        return switch (channel) {
            case Campaign.EMAIL -> new EmailContent(text(form, "fromName"), text(form, "fromEmail"), text(form, "replyTo"),
                    text(form, "subject"), text(form, "text"), text(form, "html"));
            case Campaign.PUSH -> push(form);
            case Campaign.BANNER -> banner(form);
            default -> null;
        };
    }

    private static PushContent push(Form form) {
        int last = IntStream.range(0, ACTIONS).filter(i -> !form.value(action(i, "label")).isEmpty()
                || !form.value(action(i, "url")).isEmpty()).max().orElse(-1);
        List<PushContent.Action> actions = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            String id = form.value(action(i, "id")).isEmpty() ? "button-" + (i + 1) : form.value(action(i, "id"));
            actions.add(new PushContent.Action(id, text(form, action(i, "label")), text(form, action(i, "url"))));
        }
        PushContent.Ios ios = IOS.stream().allMatch(f -> form.value(f).isEmpty()) ? null : new PushContent.Ios(
                text(form, "ios.sound"), whole(form, "ios.badge"), text(form, "ios.category"), text(form, "ios.threadId"),
                text(form, "ios.interruptionLevel"), decimal(form, "ios.relevanceScore"), text(form, "ios.collapseId"));
        PushContent.Android android = ANDROID.stream().allMatch(f -> form.value(f).isEmpty()) ? null
                : new PushContent.Android(text(form, "android.channelId"), text(form, "android.priority"),
                text(form, "android.color"), text(form, "android.icon"), text(form, "android.tag"),
                text(form, "android.visibility"), text(form, "android.collapseKey"));
        return new PushContent(text(form, "title"), text(form, "body"), text(form, "imageUrl"), text(form, "url"), actions,
                data(form), ios, android);
    }

    /** "key = value" a line; a line without "=" is an error at the field. */
    private static Map<String, Object> data(Form form) {
        Map<String, Object> out = new LinkedHashMap<>();
        String[] lines = form.value("data").split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
            int eq = line.indexOf('=');
            if (eq <= 0) {
                form.error("data", "line " + (i + 1) + ": write key = value");
                continue;
            }
            out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return out;
    }

    private static BannerContent banner(Form form) {
        BannerContent.Cta cta = form.value("cta.label").isEmpty() && form.value("cta.url").isEmpty() ? null
                : new BannerContent.Cta(text(form, "cta.label"), text(form, "cta.url"));
        BannerContent.Style style = new BannerContent.Style(text(form, "style.preset"), text(form, "style.background"),
                text(form, "style.text"), text(form, "style.button"));
        Integer weight = whole(form, "weight");
        return new BannerContent(text(form, "placement"), text(form, "title"), text(form, "body"), text(form, "imageUrl"),
                cta, style, "true".equals(form.value("dismissible")), weight == null ? 50 : weight,
                whole(form, "maxImpressionsPerDay"));
    }

    /** A saved campaign's name and content as the form shows them, to change a draft. */
    static Form of(Campaign c) {
        Form form = blank(c.channel(), "").with("name", c.name());
        switch (c.content()) {
            case EmailContent e -> form.with("fromName", e.fromName()).with("fromEmail", e.fromEmail())
                    .with("replyTo", nz(e.replyTo())).with("subject", e.subject()).with("text", e.text()).with("html", nz(e.html()));
            case PushContent p -> {
                form.with("title", nz(p.title())).with("body", nz(p.body())).with("imageUrl", nz(p.imageUrl())).with("url", nz(p.url()));
                for (int i = 0; i < Math.min(ACTIONS, p.actions().size()); i++) {
                    PushContent.Action a = p.actions().get(i);
                    form.with(action(i, "label"), nz(a.label())).with(action(i, "url"), nz(a.url())).with(action(i, "id"), nz(a.id()));
                }
                form.with("data", p.data().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                        .collect(Collectors.joining("\n")));
                if (p.ios() != null) {
                    PushContent.Ios i = p.ios();
                    form.with("ios.sound", nz(i.sound())).with("ios.badge", nz(i.badge())).with("ios.category", nz(i.category()))
                            .with("ios.threadId", nz(i.threadId())).with("ios.interruptionLevel", nz(i.interruptionLevel()))
                            .with("ios.relevanceScore", nz(i.relevanceScore())).with("ios.collapseId", nz(i.collapseId()));
                }
                if (p.android() != null) {
                    PushContent.Android a = p.android();
                    form.with("android.channelId", nz(a.channelId())).with("android.priority", nz(a.priority()))
                            .with("android.color", nz(a.color())).with("android.icon", nz(a.icon())).with("android.tag", nz(a.tag()))
                            .with("android.visibility", nz(a.visibility())).with("android.collapseKey", nz(a.collapseKey()));
                }
            }
            case BannerContent b -> {
                form.with("placement", b.placement()).with("title", b.title()).with("body", nz(b.body()))
                        .with("imageUrl", nz(b.imageUrl())).with("dismissible", b.dismissible() ? "true" : "")
                        .with("weight", String.valueOf(b.weight())).with("maxImpressionsPerDay", nz(b.maxImpressionsPerDay()));
                if (b.cta() != null) form.with("cta.label", nz(b.cta().label())).with("cta.url", nz(b.cta().url()));
                BannerContent.Style s = b.style();
                if (s != null) {
                    form.with("style.preset", nz(s.preset())).with("style.background", nz(s.background()))
                            .with("style.text", nz(s.text())).with("style.button", nz(s.button()));
                }
            }
        }
        return form;
    }

    /**
     * Files the domain's errors under the form's fields: {@code content.subject} under subject; an error about a
     * part of a field ({@code content.data.orderId}) under that field; an error about a group
     * ({@code content.actions[1]}, {@code content.ios}) under its first field; anything else under {@code fallback}.
     */
    static void file(Form form, String channel, List<FieldError> errors, List<String> others, String fallback) {
        for (FieldError e : errors) form.error(fieldOf(channel, e, others, fallback), e.message());
    }

    /** The form field an error of the domain is about (see {@link #file}). */
    static String fieldOf(String channel, FieldError e, List<String> others, String fallback) {
        List<String> all = new ArrayList<>(others);
        all.addAll(fields(channel));
        String path = e.field().startsWith(WHOLE + ".") ? e.field().substring(WHOLE.length() + 1) : e.field();
        return all.stream().filter(path::equals).findFirst()
                .or(() -> all.stream().filter(f -> path.startsWith(f + ".") || path.startsWith(f + "[")).findFirst())
                .or(() -> all.stream().filter(f -> f.startsWith(path + ".") || f.startsWith(path + "[")).findFirst())
                .orElse(fallback);
    }

    private static String text(Form form, String field) {
        String v = form.value(field);
        return v.isBlank() ? null : v;
    }

    private static Integer whole(Form form, String field) {
        String v = form.value(field);
        if (v.isEmpty()) return null;
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            form.error(field, "must be a whole number");
            return null;
        }
    }

    private static Double decimal(Form form, String field) {
        String v = form.value(field);
        if (v.isEmpty()) return null;
        try {
            return Double.valueOf(v.replace(',', '.'));
        } catch (NumberFormatException e) {
            form.error(field, "must be a number, like 0.5");
            return null;
        }
    }

    private static String nz(Object o) {
        return o == null ? "" : o instanceof Double d ? String.format(Locale.ROOT, "%s", d) : o.toString();
    }
}
