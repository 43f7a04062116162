package dev.audience.delivery.tracking;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Only links written in the template are tracked: a link made from a profile's data is left as it is. */
class TrackingLinksLiteralTest {
    @Test
    void aLinkFromProfileDataIsNotTracked() {
        String template = "<a href=\"https://acme.test/pricing\">p</a> <a href=\"{{ profile.website }}\">w</a>";
        Set<String> literal = TrackingLinks.literalLinks(template);
        assertThat(literal).containsExactly("https://acme.test/pricing");
        TrackingLinks links = new TrackingLinks(new Signer("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8)),
                "https://audience.test");
        String rendered = "<a href=\"https://acme.test/pricing\">p</a> <a href=\"https://evil.test/\">w</a>";
        String out = links.rewrite(rendered, "42", literal::contains);
        assertThat(out).contains("https://audience.test/t/c/").contains("href=\"https://evil.test/\"");
    }
}
