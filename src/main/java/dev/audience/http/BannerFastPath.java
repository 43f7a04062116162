package dev.audience.http;

import dev.audience.apikey.ApiKeyKind;
import dev.audience.http.api.BannerAnswers;
import dev.audience.http.api.BannersApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * The busiest route, {@code GET /api/v1/banners}, answered by Jetty directly, ahead of Javalin: browsers
 * call it on every page view, and the framework's per-request work (routing, context, response wrapping)
 * costs more than the answer itself. Only a request that will succeed is answered here (a valid key, a
 * valid query); anything else goes on to the Javalin route, which gives the same answer or the error
 * with the usual problem document. Both answer through {@link BannerAnswers}.
 */
public final class BannerFastPath extends Handler.Wrapper {
    static final String PATH = "/api/v1/banners";
    /** The answer's fixed headers, encoded once. */
    private static final List<HttpField> HEADERS = headers();
    private final Authenticator auth;
    private final BannerAnswers answers;
    private final Timer timer;

    public BannerFastPath(Authenticator auth, BannerAnswers answers, MeterRegistry metrics) {
        this.auth = auth;
        this.answers = answers;
        this.timer = Timer.builder("audience_http_requests").tag("method", "GET").tag("route", PATH).tag("status", "200")
                .register(metrics);
    }

    private static List<HttpField> headers() {
        List<HttpField> out = new java.util.ArrayList<>();
        out.add(new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        BannersApi.CORS.forEach((name, value) -> out.add(new PreEncodedHttpField(name, value)));
        return List.copyOf(out);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.GET.is(request.getMethod()) || !PATH.equals(request.getHttpURI().getPath())) {
            return super.handle(request, response, callback);
        }
        long start = System.nanoTime();
        Optional<ApiKeyKind> kind = auth.kindOf(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (kind.isEmpty()) return super.handle(request, response, callback);
        Fields query = Request.extractQueryParameters(request);
        String userId = query.getValue("userId");
        List<String> placements = query.getValues("placement");
        if (placements == null) placements = List.of();
        if (!BannerAnswers.problems(userId, placements).isEmpty()) return super.handle(request, response, callback);
        byte[] body = answers.answer(userId, placements);
        response.setStatus(200);
        HttpFields.Mutable headers = response.getHeaders();
        for (HttpField h : HEADERS) headers.add(h);
        response.write(true, ByteBuffer.wrap(body), callback);
        timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        return true;
    }
}
