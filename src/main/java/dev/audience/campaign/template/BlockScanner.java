package dev.audience.campaign.template;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the structural mistakes people make most in Liquid: a <code>{{</code> or <code>{%</code> never closed, a block
 * ({@code if}, {@code for}...) never ended, an end tag that closes the wrong block or none.
 *
 * <p>liqp's parser reports where it gave up, which for an unclosed {@code {% if %}} is the end of the
 * template, far from the mistake. This scan points at the tag that needs fixing instead. It is only
 * consulted after liqp has rejected a template, so it never decides on its own that a template is invalid.
 */
final class BlockScanner {
    private static final Map<String, String> BLOCKS = Map.of("if", "endif", "unless", "endunless", "case", "endcase",
            "for", "endfor", "tablerow", "endtablerow", "capture", "endcapture");
    /** Tags that divide a block, and the blocks (as liqp implements them) where each may appear. */
    private static final Map<String, Set<String>> DIVIDERS = Map.of("else", Set.of("if", "unless", "case", "for"),
            "elsif", Set.of("if"), "when", Set.of("case"));
    private static final Pattern TAG_NAME = Pattern.compile("\\{%-?\\s*(\\w*)");

    private record Open(String name, int offset) {}

    private BlockScanner() {}

    /** The first structural problem in {@code source}, if it has one this scan recognises. */
    static Optional<TemplateProblem> firstProblem(String field, String source) {
        Deque<Open> open = new ArrayDeque<>();
        int i = 0;
        while (true) {
            int output = source.indexOf("{{", i);
            int tag = source.indexOf("{%", i);
            if (output < 0 && tag < 0) break;
            boolean isOutput = tag < 0 || (output >= 0 && output < tag);
            int start = isOutput ? output : tag;
            int close = source.indexOf(isOutput ? "}}" : "%}", start + 2);
            int next = nextOpening(source, start + 2);
            if (close < 0 || (next >= 0 && next < close)) {
                return Optional.of(at(field, source, start, isOutput
                        ? "This {{ is never closed: add }} after the variable, as in {{ profile.first_name }}."
                        : "This {% is never closed: add %} to end the tag, as in {% if profile.vip %}."));
            }
            i = close + 2;
            if (isOutput) continue;
            Matcher m = TAG_NAME.matcher(source).region(start, close);
            String name = m.lookingAt() ? m.group(1).toLowerCase(Locale.ROOT) : "";
            if (name.equals("raw") || name.equals("comment")) {
                int end = endOfVerbatim(source, name, i);
                if (end < 0) {
                    return Optional.of(at(field, source, start, "{% " + name + " %} is never closed: add {% end" + name
                            + " %} where it should stop."));
                }
                i = end;
            } else if (BLOCKS.containsKey(name)) {
                open.push(new Open(name, start));
            } else if (BLOCKS.containsValue(name)) {
                Optional<TemplateProblem> p = close(field, source, open, name.substring(3), start);
                if (p.isPresent()) return p;
            } else if (DIVIDERS.containsKey(name) && (open.isEmpty() || !DIVIDERS.get(name).contains(open.peek().name()))) {
                return Optional.of(at(field, source, start, "{% " + name + " %} can only be used inside "
                        + String.join(" or ", DIVIDERS.get(name).stream().sorted().map(b -> "{% " + b + " %}").toList())
                        + "."));
            }
        }
        if (open.isEmpty()) return Optional.empty();
        Open last = open.peek();
        return Optional.of(at(field, source, last.offset(), "{% " + last.name() + " %} is never closed: add {% "
                + BLOCKS.get(last.name()) + " %} where that part should end."));
    }

    private static Optional<TemplateProblem> close(String field, String source, Deque<Open> open, String block, int at) {
        if (open.isEmpty()) {
            return Optional.of(at(field, source, at, "{% end" + block + " %} has no {% " + block
                    + " %} before it: remove it or add the opening tag."));
        }
        Open top = open.peek();
        if (!top.name().equals(block)) {
            SourcePosition opened = SourcePosition.of(source, top.offset());
            return Optional.of(at(field, source, at, "{% end" + block + " %} is here, but the {% " + top.name()
                    + " %} on line " + opened.line() + " is still open: add {% " + BLOCKS.get(top.name())
                    + " %} before this tag."));
        }
        open.pop();
        return Optional.empty();
    }

    private static int nextOpening(String source, int from) {
        int output = source.indexOf("{{", from);
        int tag = source.indexOf("{%", from);
        if (output < 0) return tag;
        if (tag < 0) return output;
        return Math.min(output, tag);
    }

    /** Where the {@code {% endraw %}} or {@code {% endcomment %}} after {@code from} ends, or -1. */
    private static int endOfVerbatim(String source, String name, int from) {
        Matcher end = Pattern.compile("\\{%-?\\s*end" + name + "\\s*-?%}", Pattern.CASE_INSENSITIVE).matcher(source);
        return end.find(from) ? end.end() : -1;
    }

    private static TemplateProblem at(String field, String source, int offset, String message) {
        return SourcePosition.of(source, offset).problem(field, message);
    }
}
