package dev.audience.campaign.template;

/** A 1-based line and column in a template, which is how editors and marketers count. */
record SourcePosition(int line, int column) {
    /** The position of the character at {@code offset} (0-based) in {@code source}. */
    static SourcePosition of(String source, int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(Math.max(offset, 0), source.length());
        for (int i = 0; i < end; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePosition(line, end - lineStart + 1);
    }

    TemplateProblem problem(String field, String message) {
        return new TemplateProblem(field, line, column, message);
    }
}
