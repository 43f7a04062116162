package dev.audience.campaign.template;

import dev.audience.campaign.EmailContent;

import java.util.Objects;

/**
 * An email's templates, parsed once and ready to render for any number of recipients, from any number of
 * threads. Get one from {@link EmailTemplates#compile(EmailContent)} when a send starts and keep it for the
 * whole send.
 */
public final class CompiledEmail {
    private final EmailContent content;
    private final CompiledTemplate subject;
    private final CompiledTemplate text;
    private final CompiledTemplate html;

    CompiledEmail(EmailContent content, CompiledTemplate subject, CompiledTemplate text, CompiledTemplate html) {
        this.content = Objects.requireNonNull(content, "content");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.text = Objects.requireNonNull(text, "text");
        this.html = html;
    }

    /** The content this was compiled from (sender, reply-to and the template sources). */
    public EmailContent content() {
        return content;
    }

    CompiledTemplate subject() {
        return subject;
    }

    CompiledTemplate text() {
        return text;
    }

    /** Null when the email is text only. */
    CompiledTemplate html() {
        return html;
    }
}
