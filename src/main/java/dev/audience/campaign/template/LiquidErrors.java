package dev.audience.campaign.template;

import liqp.exceptions.LiquidException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns liqp's parser errors ("mismatched input '&lt;EOF&gt;' expecting TagStart") into a position and a
 * sentence a marketer can act on. liqp reports positions two ways: {@link LiquidException} carries a line and
 * a 0-based column, other exceptions only say "on line L, index I" in their message; both are read here.
 */
final class LiquidErrors {
    private static final Pattern INVALID_TAG = Pattern.compile("Invalid Tag: '([^']*)'");
    private static final Pattern NO_FILTER = Pattern.compile("no filter available named: \\|?(\\S+)");
    private static final Pattern LINE_INDEX = Pattern.compile("line (\\d+), index (\\d+)");
    private static final int EXCERPT = 30;

    private LiquidErrors() {}

    /** What is wrong with {@code source}, given the exception liqp threw while parsing it. */
    static TemplateProblem describe(String field, String source, RuntimeException e) {
        String text = messages(e);
        Matcher tag = INVALID_TAG.matcher(text);
        if (tag.find()) {
            return position(e, text).problem(field, "There is no Liquid tag named \"" + tag.group(1)
                    + "\": check its spelling. Tags you can use include if, unless, case, for, assign, capture, raw and comment.");
        }
        Matcher filter = NO_FILTER.matcher(text);
        if (filter.find()) {
            return position(e, text).problem(field, "There is no filter named \"" + filter.group(1)
                    + "\": check its spelling. Filters you can use include default, upcase, downcase, capitalize, escape,"
                    + " date, truncate and replace.");
        }
        Optional<TemplateProblem> structural = BlockScanner.firstProblem(field, source);
        if (structural.isPresent()) return structural.get();
        SourcePosition at = position(e, text);
        return at.problem(field, "Liquid cannot read this part of the template" + near(source, at)
                + ": check that every {{ has a matching }} and every {% a matching %}, and that tags and filters are"
                + " written like {% if profile.vip %} and {{ profile.first_name | default: \"there\" }}.");
    }

    /** A short reason for a failure while rendering, with liqp's wrapping removed. */
    static String renderMessage(RuntimeException e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static SourcePosition position(RuntimeException e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LiquidException le && le.line > 0) {
                return new SourcePosition(le.line, Math.max(le.charPositionInLine, 0) + 1);
            }
        }
        Matcher m = LINE_INDEX.matcher(text);
        if (m.find()) {
            try {
                return new SourcePosition(Math.max(Integer.parseInt(m.group(1)), 1), Integer.parseInt(m.group(2)) + 1);
            } catch (NumberFormatException tooLarge) {
                return new SourcePosition(1, 1);
            }
        }
        return new SourcePosition(1, 1);
    }

    /** All messages down the cause chain: liqp often wraps the useful one. */
    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static String near(String source, SourcePosition at) {
        String[] lines = source.split("\n", -1);
        if (at.line() > lines.length) return "";
        String line = lines[at.line() - 1];
        int from = Math.min(at.column() - 1, line.length());
        String rest = line.substring(from).strip();
        if (rest.isEmpty()) rest = line.strip();
        if (rest.isEmpty()) return "";
        return " (near \"" + (rest.length() > EXCERPT ? rest.substring(0, EXCERPT) + "…" : rest) + "\")";
    }
}
