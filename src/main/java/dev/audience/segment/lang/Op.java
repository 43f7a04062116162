package dev.audience.segment.lang;

/** Comparison operators, with their text form. */
public enum Op {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in"), NOT_IN("not in"), CONTAINS("contains"),
    STARTS_WITH("starts with"), IS_SET("is set"), IS_NOT_SET("is not set"),
    /** A time field inside a window: {@code created_at in last 7 days}. Profile fields only. */
    WITHIN("in");

    private final String text;

    Op(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
