package dev.audience.campaign.template;

import liqp.Template;
import liqp.TemplateParser;
import liqp.nodes.LNode;
import liqp.org.antlr.v4.runtime.ParserRuleContext;
import liqp.org.antlr.v4.runtime.tree.ParseTree;
import liqp.parser.Flavor;
import liqp.parser.v4.NodeVisitor;
import liquid.parser.v4.LiquidParser;

import java.io.IOException;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parses Liquid sources with the settings every campaign template gets, and counts how often it parses
 * (parsing is the expensive step; a send must do it once per campaign, not once per recipient).
 *
 * <p>Settings and why: standard Liquid (Shopify) semantics, since that is what marketers know; unknown
 * variables are empty, so {@code default} works; comparing values of different types is false rather than an
 * error, because one profile's attribute may be a number where another's is text; dates print in UTC; a
 * render stops after {@value #MAX_ITERATIONS} loop iterations or {@value #MAX_RENDERED_CHARS} characters, so a
 * runaway loop fails one delivery instead of stalling a sender. {@code include} is refused: it reads files
 * from the server's disk.
 */
final class LiquidCompiler {
    static final int MAX_ITERATIONS = 100_000;
    static final int MAX_RENDERED_CHARS = 5_000_000;

    private final TemplateParser parser = new TemplateParser.Builder()
            .withFlavor(Flavor.LIQUID)
            .withStrictVariables(false)
            .withStrictTypedExpressions(false)
            .withErrorMode(TemplateParser.ErrorMode.STRICT)
            .withDefaultTimeZone(ZoneOffset.UTC)
            .withMaxIterations(MAX_ITERATIONS)
            .withMaxSizeRenderedString(MAX_RENDERED_CHARS)
            .withNameResolver(name -> {
                throw new IOException("templates cannot include other files");
            })
            .build();
    private final AtomicLong parses = new AtomicLong();

    /**
     * Parses {@code source} (the template of {@code field}).
     *
     * @throws TemplateSyntaxException when it is not valid Liquid or uses {@code include}
     */
    CompiledTemplate compile(String field, String source) {
        parses.incrementAndGet();
        Template template;
        LNode root;
        try {
            template = parser.parse(source);
            root = new NodeVisitor(parser.insertions, parser.filters, parser.liquidStyleInclude)
                    .visit(template.getParseTree());
        } catch (RuntimeException e) {
            throw new TemplateSyntaxException(LiquidErrors.describe(field, source, e));
        }
        Optional<ParserRuleContext> include = findInclude(template.getParseTree());
        if (include.isPresent()) {
            var start = include.get().getStart();
            throw new TemplateSyntaxException(new TemplateProblem(field, start.getLine(), start.getCharPositionInLine() + 1,
                    "{% include %} is not available in emails: paste the shared content into this template instead."));
        }
        return new CompiledTemplate(field, parser, root);
    }

    /** How many sources this compiler has parsed since it was created. */
    long parses() {
        return parses.get();
    }

    private static Optional<ParserRuleContext> findInclude(ParseTree tree) {
        if (tree instanceof LiquidParser.Include_tagContext || tree instanceof LiquidParser.Include_relative_tagContext) {
            return Optional.of((ParserRuleContext) tree);
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            Optional<ParserRuleContext> found = findInclude(tree.getChild(i));
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }
}
