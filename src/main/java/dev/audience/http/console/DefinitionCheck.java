package dev.audience.http.console;

import dev.audience.common.InvalidInputException;
import dev.audience.segment.DefinitionInput;
import dev.audience.segment.SegmentService;
import dev.audience.segment.lang.DefinitionException;

import java.util.List;

/**
 * A dynamic segment's definition checked as it is typed: either where it is wrong (line, column, the line itself
 * with a caret under the place) or how many profiles it selects now, with a few of them. Nothing is saved.
 */
public record DefinitionCheck(String error, int line, int column, String lineText, long count, List<String> sample,
                              long tookMs) {
    public static final int SAMPLE = 10;

    public static DefinitionCheck empty() {
        return new DefinitionCheck(null, 0, 0, null, -1, List.of(), 0);
    }

    public static DefinitionCheck of(SegmentService segments, String text) {
        if (text == null || text.isBlank()) return empty();
        try {
            SegmentService.Preview p = segments.preview(new DefinitionInput.Text(text), SAMPLE);
            return new DefinitionCheck(null, 0, 0, null, p.count(), p.sample(), p.tookMs());
        } catch (DefinitionException e) {
            return failed(text, e);
        } catch (InvalidInputException e) {
            return new DefinitionCheck(e.getMessage(), 0, 0, null, -1, List.of(), 0);
        }
    }

    static DefinitionCheck failed(String text, DefinitionException e) {
        String[] lines = text.split("\r?\n", -1);
        String at = e.line() >= 1 && e.line() <= lines.length ? lines[e.line() - 1].replace('\t', ' ') : null;
        return new DefinitionCheck(e.reason(), e.line(), e.column(), at, -1, List.of(), 0);
    }

    public boolean isEmpty() {
        return error == null && count < 0;
    }

    public boolean failed() {
        return error != null;
    }

    /** "Line 2, column 7: expected ..." (or the reason alone when it has no place). */
    public String message() {
        return line > 0 ? "Line " + line + ", column " + column + ": " + error : error;
    }

    /** Spaces up to the column, then a caret: shown under {@link #lineText()}. */
    public String caret() {
        return line > 0 ? " ".repeat(Math.max(0, column - 1)) + "^" : "";
    }
}
