package dev.audience.channel.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process HTTP server that speaks what FcmSender needs of Google: the OAuth2 token endpoint (a JWT-bearer
 * grant signed by the service account's RSA key, checked here) and the FCM v1 send API
 * ({@code POST /v1/projects/{project}/messages:send} with a Bearer token it issued). Replies to sends follow the
 * device token ({@code unregistered}, {@code malformed}, anything else accepted) unless a reply is queued.
 */
final class FakeFcm implements AutoCloseable {
    static final String PROJECT = "audience-test";
    static final String CLIENT_EMAIL = "push@audience-test.iam.gserviceaccount.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A reply the next send gets instead of the usual one. */
    record Reply(int status, String body, Map<String, String> headers) {}

    record Received(String path, String authorization, String contentType, JsonNode body) {}

    final Path credentialsFile;
    final BlockingQueue<Received> sends = new LinkedBlockingQueue<>();
    final ConcurrentLinkedQueue<Reply> nextReplies = new ConcurrentLinkedQueue<>();
    final AtomicInteger tokenRequests = new AtomicInteger();
    volatile boolean refuseGrants;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final KeyPair account = TestKeys.rsa2048();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    FakeFcm(Path dir) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/v1/", this::send);
        server.setExecutor(executor);
        server.start();
        credentialsFile = Files.writeString(dir.resolve("service-account.json"),
                TestKeys.serviceAccountJson(account, PROJECT, CLIENT_EMAIL, tokenUri()));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    String tokenUri() {
        return endpoint() + "/token";
    }

    FcmSettings settings() {
        return new FcmSettings(credentialsFile, endpoint(), java.time.Duration.ofSeconds(10));
    }

    /** The OAuth2 token endpoint: checks the grant's signature and claims, then issues an access token. */
    private void token(HttpExchange x) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> form = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String problem = grantProblem(form);
        if (problem == null && refuseGrants) problem = "Invalid JWT Signature.";
        if (problem != null) {
            reply(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}", Map.of());
            return;
        }
        String token = "ya29.test-" + tokenRequests.get();
        issued.add(token);
        reply(x, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}", Map.of());
    }

    private String grantProblem(Map<String, String> form) {
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) return "unsupported grant_type";
        String[] jwt = form.getOrDefault("assertion", "").split("\\.");
        if (jwt.length != 3) return "assertion is not a JWT";
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(account.getPublic());
            rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))) return "bad signature";
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
            if (!"RS256".equals(header.path("alg").asText()) || !"key-1".equals(header.path("kid").asText())) return "bad header";
            if (!CLIENT_EMAIL.equals(claims.path("iss").asText())) return "bad iss";
            // google-auth posts the grant to the file's token_uri but always addresses it to Google's endpoint
            if (!"https://oauth2.googleapis.com/token".equals(claims.path("aud").asText())) return "bad aud " + claims.path("aud");
            if (!FcmCredentials.SCOPE.equals(claims.path("scope").asText())) return "bad scope";
            if (claims.path("exp").asLong() <= claims.path("iat").asLong()) return "bad exp";
            return null;
        } catch (Exception e) {
            return "unreadable assertion: " + e.getMessage();
        }
    }

    /** The FCM v1 send API. */
    private void send(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String auth = x.getRequestHeaders().getFirst("Authorization");
        JsonNode body = JSON.readTree(x.getRequestBody().readAllBytes());
        if (!"POST".equals(x.getRequestMethod()) || !path.equals("/v1/projects/" + PROJECT + "/messages:send")) {
            reply(x, 404, "{\"error\":{\"code\":404,\"message\":\"no such method\",\"status\":\"NOT_FOUND\"}}", Map.of());
            return;
        }
        if (auth == null || !auth.startsWith("Bearer ") || !issued.contains(auth.substring(7))) {
            reply(x, 401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\","
                    + "\"status\":\"UNAUTHENTICATED\"}}", Map.of());
            return;
        }
        sends.add(new Received(path, auth, x.getRequestHeaders().getFirst("Content-Type"), body));
        Reply queued = nextReplies.poll();
        if (queued != null) {
            reply(x, queued.status(), queued.body(), queued.headers());
            return;
        }
        String token = body.path("message").path("token").asText();
        switch (token) {
            case "unregistered" -> reply(x, 404, error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.", ""), Map.of());
            case "malformed" -> reply(x, 400, error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                    "The registration token is not a valid FCM registration token",
                    ",{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":[{\"field\":\"message.token\","
                            + "\"description\":\"Invalid registration token\"}]}"), Map.of());
            default -> reply(x, 200, "{\"name\":\"projects/" + PROJECT + "/messages/" + sends.size() + "\"}", Map.of());
        }
    }

    static String error(int code, String status, String errorCode, String message, String moreDetails) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\",\"details\":["
                + "{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"" + errorCode + "\"}"
                + moreDetails + "]}}";
    }

    private static void reply(HttpExchange x, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        headers.forEach((k, v) -> x.getResponseHeaders().set(k, v));
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    Received nextSend() throws InterruptedException {
        Received r = sends.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("the fake FCM server received no send");
        return r;
    }

    List<Received> drain() {
        List<Received> out = new java.util.ArrayList<>();
        sends.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
