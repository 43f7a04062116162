package dev.audience.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.audience.common.FieldError;

import java.util.List;

/** An RFC 9457 problem document: what went wrong, in words a person can act on, and where. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
                      Integer line, Integer column) {
    public static final String CONTENT_TYPE = "application/problem+json";

    public static Problem of(int status, String slug, String title, String detail, String instance) {
        return new Problem("/problems/" + slug, title, status, detail, instance, null, null, null);
    }

    public Problem withErrors(List<FieldError> e) {
        return new Problem(type, title, status, detail, instance, e, line, column);
    }

    public Problem at(int l, int c) {
        return new Problem(type, title, status, detail, instance, errors, l, c);
    }
}
