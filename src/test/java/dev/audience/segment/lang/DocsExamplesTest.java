package dev.audience.segment.lang;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What docs/segments.md shows works: every {@code segment} block parses and passes the checks, and every
 * {@code json} block that follows one reads as the same tree and is exactly what Audience writes back.
 */
class DocsExamplesTest {
    private static final Pattern BLOCK = Pattern.compile("```(segment|json)\\n(.*?)```", Pattern.DOTALL);
    private static final SegmentReferences SAVED = SegmentReferences.of(Map.of(
            "beta", Set.of(), "newsletter", Set.of(), "churned", Set.of()));

    private record Block(String kind, String body, int start, int end) {}

    private static List<Block> blocks() throws IOException {
        String doc = Files.readString(Path.of("docs/segments.md"));
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) blocks.add(new Block(m.group(1), m.group(2), m.start(), m.end()));
        return blocks;
    }

    @Test
    void everyTextExampleParsesAndChecks() throws IOException {
        List<Block> texts = blocks().stream().filter(b -> b.kind().equals("segment")).toList();
        assertThat(texts).hasSizeGreaterThan(30);
        for (Block b : texts) {
            assertThatCode(() -> Checker.check(TextParser.parse(b.body()), null, SAVED)).as(b.body()).doesNotThrowAnyException();
        }
    }

    @Test
    void everyJsonExampleSaysWhatTheTextBeforeItSays() throws IOException {
        List<Block> blocks = blocks();
        int pairs = 0;
        for (int k = 1; k < blocks.size(); k++) {
            Block json = blocks.get(k);
            if (!json.kind().equals("json")) continue;
            Block text = blocks.get(k - 1);
            assertThat(text.kind()).as("the block before " + json.body()).isEqualTo("segment");
            assertThat(json.start() - text.end()).as("a json block directly follows its text").isLessThanOrEqualTo(1);
            Object parsedJson = MiniJson.parse(json.body());
            Condition tree = TextParser.parse(text.body()).condition();
            assertThat(JsonForm.read(parsedJson)).as(text.body()).isEqualTo(tree);
            assertThat(JsonForm.write(tree)).as(text.body()).isEqualTo(parsedJson);
            pairs++;
        }
        assertThat(pairs).isGreaterThan(10);
    }
}
