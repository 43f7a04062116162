package dev.audience.common;

/** Small checks on text that several domains share. */
public final class Text {
    private Text() {}

    /** True when the string has no control characters (tabs, newlines, NULs...). */
    public static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) return false;
        }
        return true;
    }
}
