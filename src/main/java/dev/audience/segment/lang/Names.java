package dev.audience.segment.lang;

import java.util.Locale;
import java.util.Set;

/**
 * When a name can be written bare in the text form. The parser reads a keyword as a name wherever a name
 * is expected, but the renderer quotes every keyword so that its output reads without ambiguity.
 */
final class Names {
    static final String ATTRIBUTES_PREFIX = "attributes.";

    /** Every word the text form gives a meaning to. */
    static final Set<String> KEYWORDS = Set.of("and", "or", "not", "did", "where", "in", "segment", "at", "least",
            "most", "exactly", "once", "time", "times", "last", "between", "ever", "is", "set", "contains", "starts",
            "with", "true", "false", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks");

    private Names() {}

    /** A word the lexer reads whole: a letter, '_' or '$', then letters, digits and {@code _ . : $ -}. */
    static boolean isWord(String s) {
        if (s.isEmpty() || !Lexer.isWordStart(s.charAt(0))) return false;
        for (int k = 1; k < s.length(); k++) {
            if (!Lexer.isWordPart(s.charAt(k))) return false;
        }
        return true;
    }

    static boolean isKeyword(String s) {
        return KEYWORDS.contains(s.toLowerCase(Locale.ROOT));
    }

    /** A word that is not a keyword can be written as it is; anything else goes in backticks. */
    static boolean isBare(String s) {
        return isWord(s) && !isKeyword(s);
    }
}
