package dev.audience.delivery.tracking;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a rendered HTML email for open and click tracking, and reads the tracking tokens back.
 *
 * <p>Each {@code <a>} whose href is an http(s) URL is pointed at {@code baseUrl/t/c/TOKEN}, TOKEN signing the
 * delivery id and the original URL; other hrefs ({@code mailto:}, {@code #anchors}, relative paths, Liquid left
 * unrendered) stay as they are. A 1×1 image {@code baseUrl/t/o/TOKEN} goes before {@code </body>} to count
 * opens. Because the destination travels inside the signed token, the redirect endpoint needs no lookup and
 * can only ever send people to URLs this server signed: {@link #readClick} is not an open redirect.
 *
 * <p>The rewriting works on tags with regular expressions rather than an HTML parser: it only needs to find
 * {@code <a ...>} tags and their href, whatever the case, quoting, attribute order or line breaks, and it
 * leaves every other byte of the author's HTML untouched.
 */
public final class TrackingLinks {
    /** An {@code <a>} start tag; quoted values may contain {@code >}. */
    private static final Pattern A_TAG = Pattern.compile("<a(?=[\\s>/])(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>",
            Pattern.CASE_INSENSITIVE);
    /** One attribute: name, then optionally a double-quoted, single-quoted or unquoted value. */
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([^\\s\"'<>/=]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'=<>`]+)))?");
    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);

    private final Signer signer;
    private final String baseUrl;

    /**
     * @param baseUrl where this server's tracking endpoints are reached from the internet, e.g.
     *                {@code https://mail.example.com} (a trailing slash is ignored)
     */
    public TrackingLinks(Signer signer, String baseUrl) {
        this.signer = Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!HTTP_URL.matcher(baseUrl).matches()) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL, not " + baseUrl);
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** {@code html} with its http(s) links tracked and an open pixel added, for delivery {@code deliveryId}. */
    public String rewrite(String html, String deliveryId) {
        return rewrite(html, deliveryId, url -> true);
    }

    /**
     * The same, tracking only the links {@code track} accepts: a campaign tracks the links written in its
     * template, never a link made from a profile's data (a redirect from our domain to wherever a profile
     * attribute points would be an open redirect).
     */
    public String rewrite(String html, String deliveryId, java.util.function.Predicate<String> track) {
        Objects.requireNonNull(html, "html");
        checkDeliveryId(deliveryId);
        Matcher tag = A_TAG.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 1024);
        while (tag.find()) {
            tag.appendReplacement(out, Matcher.quoteReplacement(rewriteTag(tag.group(), deliveryId, track)));
        }
        tag.appendTail(out);
        return withPixel(out.toString(), deliveryId);
    }

    /** The http(s) links written literally in an HTML template (none with Liquid in them), as they will render. */
    public static java.util.Set<String> literalLinks(String template) {
        java.util.Set<String> out = new java.util.HashSet<>();
        Matcher tag = A_TAG.matcher(template);
        while (tag.find()) {
            Matcher attr = ATTRIBUTE.matcher(tag.group()).region(2, tag.group().length() - 1);
            while (attr.find()) {
                if (!attr.group(1).equalsIgnoreCase("href")) continue;
                String raw = attr.group(2) != null ? attr.group(2) : attr.group(3) != null ? attr.group(3) : attr.group(4);
                if (raw == null || raw.contains("{{") || raw.contains("{%")) continue;
                String url = HtmlAttributes.unescape(raw).strip();
                if (trackable(url)) out.add(url);
            }
        }
        return out;
    }

    /** The click a {@code /t/c/} token stands for, when this server signed it; empty otherwise. */
    public static Optional<Click> readClick(Signer signer, String token) {
        return signer.verify(token).flatMap(payload -> {
            int newline = payload.indexOf('\n');
            if (newline <= 0) return Optional.empty();
            String url = payload.substring(newline + 1);
            return trackable(url) ? Optional.of(new Click(payload.substring(0, newline), url)) : Optional.empty();
        });
    }

    /** The delivery id an {@code /t/o/} token stands for, when this server signed it; empty otherwise. */
    public static Optional<String> readOpen(Signer signer, String token) {
        return signer.verify(token).filter(id -> !id.isEmpty() && id.indexOf('\n') < 0);
    }

    private String rewriteTag(String tag, String deliveryId, java.util.function.Predicate<String> track) {
        Matcher attr = ATTRIBUTE.matcher(tag).region(2, tag.length() - 1);
        while (attr.find()) {
            if (!attr.group(1).equalsIgnoreCase("href")) continue;
            String raw = attr.group(2) != null ? attr.group(2) : attr.group(3) != null ? attr.group(3) : attr.group(4);
            if (raw == null) return tag;
            String url = HtmlAttributes.unescape(raw).strip();
            // our own links (tracking, unsubscribe) stay as they are: an unsubscribe is not a click
            if (!trackable(url) || url.startsWith(baseUrl + "/t/") || url.startsWith(baseUrl + "/u/") || !track.test(url)) {
                return tag;
            }
            String tracked = baseUrl + "/t/c/" + signer.sign(deliveryId + "\n" + url);
            return tag.substring(0, attr.start()) + attr.group(1) + "=\"" + HtmlAttributes.escape(tracked) + "\""
                    + tag.substring(attr.end());
        }
        return tag;
    }

    private String withPixel(String html, String deliveryId) {
        String pixel = "<img src=\"" + HtmlAttributes.escape(baseUrl + "/t/o/" + signer.sign(deliveryId))
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">";
        Matcher body = BODY_END.matcher(html);
        int last = -1;
        while (body.find()) last = body.start();
        return last < 0 ? html + pixel : html.substring(0, last) + pixel + html.substring(last);
    }

    /**
     * An absolute http(s) URL the redirect may send people to: no whitespace or control characters (which could
     * split a Location header) and no Liquid left unrendered.
     */
    private static boolean trackable(String url) {
        if (!HTTP_URL.matcher(url).matches() || url.contains("{{") || url.contains("{%")) return false;
        for (int i = 0; i < url.length(); i++) {
            if (Character.isISOControl(url.charAt(i))) return false;
        }
        return true;
    }

    private static void checkDeliveryId(String deliveryId) {
        Objects.requireNonNull(deliveryId, "deliveryId");
        if (deliveryId.isEmpty() || deliveryId.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("deliveryId must be non-empty and on one line");
        }
    }
}
