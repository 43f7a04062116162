package dev.audience.campaign.template;

import dev.audience.common.FieldError;

import java.util.Objects;

/**
 * One thing wrong with an email's content, phrased for the marketer who wrote it. {@code field} is
 * {@code subject}, {@code text}, {@code html}, {@code fromName}, {@code fromEmail} or {@code replyTo};
 * {@code line} and {@code column} are 1-based positions in that field's template, or 0 when the problem is
 * about the whole field (a missing sender address, an empty subject).
 */
public record TemplateProblem(String field, int line, int column, String message) {
    public TemplateProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) throw new IllegalArgumentException("line and column must be 0 or positive");
    }

    /** A problem about a whole field, with no position in it. */
    static TemplateProblem ofField(String field, String message) {
        return new TemplateProblem(field, 0, 0, message);
    }

    /**
     * The same problem as the project's generic validation error, so callers that collect
     * {@link FieldError}s (and the HTTP edge that turns them into a 400) can report it; the position
     * goes in front of the message.
     */
    public FieldError toFieldError() {
        return new FieldError(field, line > 0 ? "line " + line + ", column " + column + ": " + message : message);
    }
}
