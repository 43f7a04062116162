package dev.audience.campaign.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlockScannerTest {
    @Test
    void balancedTemplatesHaveNoStructuralProblem() {
        assertThat(BlockScanner.firstProblem("text", "{%- if a -%}{% for x in y %}{{ x }}{% else %}none{% endfor %}{% elsif b %}"
                + "{% else %}{% endif %}{% case c %}{% when 1 %}{% else %}{% endcase %}{% capture z %}{% endcapture %}"))
                .isEmpty();
    }

    @Test
    void rawAndCommentContentIsNotScanned() {
        assertThat(BlockScanner.firstProblem("text", "{% raw %}{% if {{ {% endraw %}{% comment %}{% for{% endcomment %}"))
                .isEmpty();
        assertThat(BlockScanner.firstProblem("text", "a\n{% raw %} {{ x }}")).get()
                .extracting(TemplateProblem::line, TemplateProblem::message)
                .containsExactly(2, "{% raw %} is never closed: add {% endraw %} where it should stop.");
    }

    @Test
    void theInnermostUnclosedBlockIsReported() {
        assertThat(BlockScanner.firstProblem("text", "{% for x in y %}\n\n{% unless x %}")).get()
                .extracting(TemplateProblem::line, TemplateProblem::column).containsExactly(3, 1);
    }

    @Test
    void positionsCountLinesAndColumnsFromOne() {
        assertThat(SourcePosition.of("ab\ncd\nef", 0)).isEqualTo(new SourcePosition(1, 1));
        assertThat(SourcePosition.of("ab\ncd\nef", 4)).isEqualTo(new SourcePosition(2, 2));
        assertThat(SourcePosition.of("ab\ncd\nef", 6)).isEqualTo(new SourcePosition(3, 1));
    }
}
