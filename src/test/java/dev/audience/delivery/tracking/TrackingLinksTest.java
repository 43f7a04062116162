package dev.audience.delivery.tracking;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingLinksTest {
    private static final String BASE = "https://mail.example.com";
    private static final Pattern CLICK = Pattern.compile("https://mail\\.example\\.com/t/c/([A-Za-z0-9_.-]+)");
    private static final Pattern OPEN = Pattern.compile(
            "<img src=\"https://mail\\.example\\.com/t/o/([A-Za-z0-9_.-]+)\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">");

    private final Signer signer = new Signer(SignerTest.SECRET);
    private final TrackingLinks links = new TrackingLinks(signer, BASE + "/");

    private List<Click> clicks(String html) {
        List<Click> out = new ArrayList<>();
        Matcher m = CLICK.matcher(html);
        while (m.find()) out.add(TrackingLinks.readClick(signer, m.group(1)).orElseThrow());
        return out;
    }

    @Test
    void httpLinksAreRewrittenWhateverTheQuotingCaseOrLayout() {
        String html = """
                <p><a href="https://shop.example.com/sale">Sale</a>
                <a class='btn' href='http://example.com/a'>A</a>
                <A HREF="https://EXAMPLE.com/B" TARGET="_blank">B</A>
                <a
                   title="a > b"
                   data-href="https://not.this"
                   href =
                     "https://example.com/multi?x=1&amp;y=2"
                   style="color:red">C</a>
                <a href=https://example.com/unquoted>D</a></p>""";
        String out = links.rewrite(html, "d-42");

        assertThat(clicks(out)).containsExactly(
                new Click("d-42", "https://shop.example.com/sale"),
                new Click("d-42", "http://example.com/a"),
                new Click("d-42", "https://EXAMPLE.com/B"),
                new Click("d-42", "https://example.com/multi?x=1&y=2"),
                new Click("d-42", "https://example.com/unquoted"));
        assertThat(out).doesNotContain("shop.example.com/sale\"", "example.com/a'")
                .contains("class='btn'", "TARGET=\"_blank\"", "title=\"a > b\"", "data-href=\"https://not.this\"",
                        "style=\"color:red\">C</a>", "<A HREF=\"" + BASE + "/t/c/");
    }

    @Test
    void otherLinksAreLeftAlone() {
        String html = "<a href=\"mailto:help@example.com\">m</a><a href=\"#top\">t</a><a href='/relative'>r</a>"
                + "<a href=\"{{ unsubscribe_url }}\">u</a><a href=\"https://example.com/{{ profile.id }}\">l</a>"
                + "<a href=\"javascript:alert(1)\">j</a><a name=\"anchor\">n</a><abbr title=\"https://x.example\">a</abbr>"
                + "<area href=\"https://x.example\">";
        String out = links.rewrite(html, "d-1");
        assertThat(out).startsWith(html);
        assertThat(clicks(out)).isEmpty();
    }

    @Test
    void thePixelGoesBeforeTheBodyEnds() {
        String out = links.rewrite("<html><body><p>Hi</p></BODY></html>", "d-7");
        Matcher pixel = OPEN.matcher(out);
        assertThat(pixel.find()).isTrue();
        assertThat(out).startsWith("<html><body><p>Hi</p><img ").endsWith("\"display:none\"></BODY></html>");
        assertThat(TrackingLinks.readOpen(signer, pixel.group(1))).contains("d-7");
    }

    @Test
    void thePixelIsAppendedWithoutABody() {
        String out = links.rewrite("<p>Hi</p>", "d-8");
        assertThat(out).startsWith("<p>Hi</p><img src=\"" + BASE + "/t/o/");
        assertThat(OPEN.matcher(out).find()).isTrue();
    }

    @Test
    void readClickOnlyAcceptsTokensThisServerSignedForAClick() {
        String out = links.rewrite("<a href=\"https://example.com/x\">x</a>", "d-1");
        Matcher m = CLICK.matcher(out);
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        assertThat(TrackingLinks.readClick(signer, token)).contains(new Click("d-1", "https://example.com/x"));

        Signer attacker = new Signer("attacker-secret-attacker-secret!".getBytes(StandardCharsets.US_ASCII));
        assertThat(TrackingLinks.readClick(signer, attacker.sign("d-1\nhttps://evil.example"))).isEmpty();
        assertThat(TrackingLinks.readClick(signer, token.substring(0, token.length() - 1))).isEmpty();
        assertThat(TrackingLinks.readClick(signer, "garbage")).isEmpty();
        assertThat(TrackingLinks.readClick(signer, null)).isEmpty();
        assertThat(TrackingLinks.readClick(signer, signer.sign("d-1"))).as("an open token").isEmpty();
        assertThat(TrackingLinks.readClick(signer, signer.sign("d-1\njavascript:alert(1)"))).isEmpty();
        assertThat(TrackingLinks.readClick(signer, signer.sign("\nhttps://example.com"))).isEmpty();
        assertThat(TrackingLinks.readOpen(signer, token)).as("a click token").isEmpty();
        assertThat(TrackingLinks.readOpen(signer, attacker.sign("d-1"))).isEmpty();
    }

    @Test
    void rewrittenHrefsAreAttributeEscapedAndAlreadyTrackedLinksKept() {
        String html = "<a href=\"" + BASE + "/t/c/abc.def\">again</a>";
        assertThat(links.rewrite(html, "d-1")).startsWith(html);
        assertThat(HtmlAttributes.escape("a&b\"c'd<e>")).isEqualTo("a&amp;b&quot;c&#39;d&lt;e&gt;");
        assertThat(HtmlAttributes.unescape("?a=1&amp;b=&#50;&#x33;&quot;&copy=1")).isEqualTo("?a=1&b=23\"&copy=1");
    }
}
