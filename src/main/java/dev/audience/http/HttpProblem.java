package dev.audience.http;

/** A failure that belongs to HTTP itself (bad JSON, too large, unauthenticated), thrown by the edge. */
public final class HttpProblem extends RuntimeException {
    private final Problem problem;

    public HttpProblem(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static HttpProblem badRequest(String detail) {
        return new HttpProblem(Problem.of(400, "bad-request", "Bad request", detail, null));
    }
}
