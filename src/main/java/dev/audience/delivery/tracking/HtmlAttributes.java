package dev.audience.delivery.tracking;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escaping and unescaping of HTML attribute values. An href in HTML is written escaped
 * ({@code ?a=1&amp;b=2}); the URL to sign and redirect to is the unescaped one, and the URL put back into the
 * HTML must be escaped again.
 */
final class HtmlAttributes {
    private static final Pattern ENTITY = Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));");

    private HtmlAttributes() {}

    /** {@code value} safe inside a double- or single-quoted attribute. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The text an attribute value stands for: numeric character references and the entities URLs use
     * ({@code &amp; &lt; &gt; &quot; &apos;}), each with its semicolon; anything else is kept as written (a
     * browser also keeps {@code &copy=1} in an href as it is).
     */
    static String unescape(String value) {
        if (value.indexOf('&') < 0) return value;
        Matcher m = ENTITY.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decode(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String decode(Matcher m) {
        if (m.group(3) != null) {
            return switch (m.group(3)) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                default -> "'";
            };
        }
        int code = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
        return Character.isValidCodePoint(code) && code != 0 ? Character.toString(code) : m.group();
    }
}
