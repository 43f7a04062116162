package dev.audience.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser, for the console's HTTP edges: keeps cookies as a browser would (by name, for every
 * console request), does not follow redirects (tests look at them), and reads the CSRF token from the last page.
 */
public final class ConsoleClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    public ConsoleClient(String base) {
        this.base = base;
    }

    public record Page(int status, HttpResponseHeaders headers, String body) {
        public String location() {
            return headers.first("Location");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** Response headers, looked up without regard to case. */
    public record HttpResponseHeaders(Map<String, List<String>> all) {
        public String first(String name) {
            return all.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).flatMap(e -> e.getValue().stream())
                    .findFirst().orElse(null);
        }

        public List<String> every(String name) {
            return all.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).flatMap(e -> e.getValue().stream())
                    .toList();
        }
    }

    public Page get(String path) {
        return send(request(path).GET());
    }

    /** A form post with the CSRF token of the last page in the {@code _csrf} field. */
    public Page post(String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        if (csrf != null) withToken.putIfAbsent("_csrf", csrf);
        return postRaw(path, withToken, Map.of());
    }

    /** A form post exactly as given: no token added. */
    public Page postRaw(String path, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        headers.forEach(b::header);
        return send(b);
    }

    /** A multipart form post (a file upload) with the CSRF token of the last page in the {@code _csrf} field. */
    public Page postFile(String path, Map<String, String> fields, String fileField, String fileName, String content) {
        String boundary = "----audience-test-" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) all.putIfAbsent("_csrf", csrf);
        all.forEach((k, v) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(fileField)
                .append("\"; filename=\"").append(fileName).append("\"\r\nContent-Type: text/csv\r\n\r\n").append(content)
                .append("\r\n--").append(boundary).append("--\r\n");
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    }

    /** Signs in through the form (its token cookie and field); the reply is the redirect. */
    public Page signIn(String email, String password) {
        get("/console/sign-in");
        return post("/console/sign-in", Map.of("email", email, "password", password));
    }

    public String csrf() {
        return csrf;
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return b;
    }

    private Page send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : r.headers().allValues("Set-Cookie")) {
                String[] nameValue = set.split(";", 2)[0].split("=", 2);
                if (set.contains("Max-Age=0")) cookies.remove(nameValue[0]);
                else cookies.put(nameValue[0], nameValue[1]);
            }
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) csrf = m.group(1);
            return new Page(r.statusCode(), new HttpResponseHeaders(r.headers().map()), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
