package dev.audience.campaign.template;

import java.util.Objects;

/**
 * A template that parsed but failed while rendering for one recipient, e.g. {@code divided_by: 0} or a
 * loop over more items than the render limits allow. The sender should fail that one delivery rather than
 * send a half-rendered email.
 */
public final class TemplateRenderException extends RuntimeException {
    private final String field;

    TemplateRenderException(String field, String message, Throwable cause) {
        super("could not render the " + field + ": " + message, cause);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** {@code subject}, {@code text} or {@code html}. */
    public String field() {
        return field;
    }
}
