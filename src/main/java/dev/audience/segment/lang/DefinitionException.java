package dev.audience.segment.lang;

/**
 * A definition that does not parse or check. For the text form, {@code line} and {@code column} (1-based)
 * say where; for the JSON form, {@code path} names the member (e.g. {@code and[1].did.event}), and line
 * and column are 0.
 */
public final class DefinitionException extends RuntimeException {
    private final int line;
    private final int column;
    private final String path;
    private final String reason;

    public DefinitionException(int line, int column, String message) {
        super("line " + line + ", column " + column + ": " + message);
        this.line = line;
        this.column = column;
        this.path = null;
        this.reason = message;
    }

    public DefinitionException(String path, String message) {
        super((path.isEmpty() ? "" : path + ": ") + message);
        this.line = 0;
        this.column = 0;
        this.path = path;
        this.reason = message;
    }

    /** What is wrong, without where (the console shows the place itself, at the line). */
    public String reason() {
        return reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The JSON path for a JSON-form error; null for the text form. */
    public String path() {
        return path;
    }
}
