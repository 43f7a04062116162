package dev.audience.common;

/** Small checks on text that several domains share. */
public final class Text {
    private Text() {}

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
}
