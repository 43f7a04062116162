package dev.audience.campaign.template;

/** A template liqp could not compile; carries the problem already phrased for the author. */
final class TemplateSyntaxException extends RuntimeException {
    private final transient TemplateProblem problem;

    TemplateSyntaxException(TemplateProblem problem) {
        super(problem.field() + " line " + problem.line() + ", column " + problem.column() + ": " + problem.message(),
                null, false, false);
        this.problem = problem;
    }

    TemplateProblem problem() {
        return problem;
    }
}
