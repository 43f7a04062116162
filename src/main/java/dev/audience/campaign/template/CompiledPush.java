package dev.audience.campaign.template;

import dev.audience.campaign.PushContent;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A push notification's templates, parsed once and ready to render for any number of recipients, from any
 * number of threads. Get one from {@link PushTemplates#compile(PushContent)} when a send starts and keep it for
 * the whole send. A field without Liquid markup is kept as text and never parsed.
 *
 * @param imageUrl  null when the content has no image
 * @param url       null when the content has no link
 * @param actions   one per button, in order
 * @param data      the content's data with every string value (at any depth) replaced by its {@link Field}
 */
public record CompiledPush(PushContent content, Field title, Field body, Field imageUrl, Field url,
                           List<CompiledAction> actions, Map<String, Object> data) {
    public CompiledPush {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        actions = List.copyOf(actions);
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    /** A button's label and URL, both templates; the id is sent as written. */
    public record CompiledAction(String id, Field label, Field url) {}

    /** One template field: parsed Liquid, or plain text that renders as itself. */
    public static final class Field {
        private final String text;
        private final CompiledTemplate template;

        private Field(String text, CompiledTemplate template) {
            this.text = text;
            this.template = template;
        }

        static Field text(String text) {
            return new Field(Objects.requireNonNull(text, "text"), null);
        }

        static Field template(CompiledTemplate template) {
            return new Field(null, Objects.requireNonNull(template, "template"));
        }

        String render(Map<String, Object> variables) {
            return template == null ? text : template.render(variables);
        }
    }
}
