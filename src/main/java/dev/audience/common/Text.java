package dev.audience.common;

/** Small checks on text that several domains share. */
public final class Text {
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

    private Text() {}

    /** A key naming a segment, experiment, flag or placement: 1 to 64 of a-z, 0-9, '_', '-', not starting with '_' or '-'. */
    public static boolean isKey(String s) {
        return s != null && KEY.matcher(s).matches();
    }

    /**
     * True when the string has no control characters (tabs, newlines, NULs...) and is well-formed UTF-16:
     * a lone surrogate would be stored as "?" and collide with another user's id.
     */
    public static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) return false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} as a JSON string literal, quotes included (for JSON written by hand, e.g. event properties). */
    public static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
