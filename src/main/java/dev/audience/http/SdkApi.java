package dev.audience.http;

import io.javalin.config.RoutesConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The browser SDK, {@code /sdk/audience.js}: read from the jar once at start (a jar without it does not
 * start), public, cacheable for five minutes, and loadable from pages on any origin.
 */
public final class SdkApi {
    static final String RESOURCE = "sdk/audience.js";
    private final byte[] script;

    public SdkApi() {
        try (InputStream in = SdkApi.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
            this.script = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public void register(RoutesConfig r) {
        r.get("/sdk/audience.js", ctx -> ctx.contentType("text/javascript; charset=utf-8")
                .header("Cache-Control", "public, max-age=300")
                .header("Access-Control-Allow-Origin", "*")
                .result(script), Access.PUBLIC);
    }
}
