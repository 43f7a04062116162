package dev.audience.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

/** JSON in and out at the HTTP edge: bodies read within the size limit, malformed input located. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {}

    /** Reads the request body as a JSON tree; 413 past {@code maxBytes}, 400 with line and column when malformed. */
    public static JsonNode body(Context ctx, long maxBytes) {
        return parse(bodyBytes(ctx, maxBytes));
    }

    /** The raw request body, which may be empty (for routes whose body is optional). */
    public static byte[] bodyBytesOrEmpty(Context ctx, long maxBytes) {
        String length = ctx.header("Content-Length");
        if (length != null && length.trim().equals("0")) return new byte[0];
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) throw tooLarge(maxBytes, in);
            return bytes;
        } catch (IOException e) {
            throw HttpProblem.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    /** Parses bytes as one JSON document; 400 with line and column when malformed. */
    public static JsonNode parse(byte[] bytes) {
        try (JsonParser p = MAPPER.createParser(bytes)) {
            JsonNode node = MAPPER.readTree(p);
            if (p.nextToken() != null) throw malformed("unexpected content after the JSON document", p);
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw HttpProblem.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    /** The raw request body, refused with 413 past {@code maxBytes} and 400 when empty. */
    public static byte[] bodyBytes(Context ctx, long maxBytes) {
        Body body = body(ctx, maxBytes, byte[]::new);
        return body.length() == body.bytes().length ? body.bytes() : java.util.Arrays.copyOf(body.bytes(), body.length());
    }

    /** A request body in the first {@code length} bytes of an array that may be longer. */
    public record Body(byte[] bytes, int length) {}

    /**
     * The raw request body in an array from {@code buffers} (when its length is declared), refused with 413
     * past {@code maxBytes} and 400 when empty. The caller gives the array back when done with it.
     */
    public static Body body(Context ctx, long maxBytes, BodyBuffers buffers) {
        return body(ctx, maxBytes, buffers::take);
    }

    private static Body body(Context ctx, long maxBytes, java.util.function.IntFunction<byte[]> arrays) {
        String length = ctx.header("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw HttpProblem.badRequest("Content-Length is not a number");
            }
        }
        Body body;
        try (InputStream in = ctx.bodyInputStream()) {
            if (declared > maxBytes) {
                // Read to its end only when little is left over and the client is not waiting for "100 Continue"
                // (reading would invite the whole body); otherwise the 413 goes out with the rest unread.
                boolean expectsContinue = "100-continue".equalsIgnoreCase(String.valueOf(ctx.header("Expect")).strip());
                if (declared - maxBytes > DISCARDED_AT_MOST || expectsContinue) throw tooLarge(maxBytes);
                throw tooLarge(maxBytes, in);
            }
            if (declared >= 0) {
                // Read into one array of (at least) the declared size: readNBytes(max) grows and copies chunks
                // (an event batch is about a megabyte, and this is the ingest path).
                byte[] bytes = arrays.apply((int) declared);
                body = new Body(bytes, in.readNBytes(bytes, 0, (int) declared));
            } else {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) throw tooLarge(maxBytes, in);
                body = new Body(bytes, bytes.length);
            }
        } catch (IOException e) {
            throw HttpProblem.badRequest("the request body could not be read: " + e.getMessage());
        }
        if (body.length() == 0) throw HttpProblem.badRequest("the request body is empty; a JSON document was expected");
        return body;
    }

    /** A 400 problem for a parse failure, with the line and column the parser reached. */
    public static HttpProblem malformed(JsonProcessingException e) {
        var loc = e.getLocation();
        return malformed(e.getOriginalMessage(), loc == null ? -1 : loc.getLineNr(), loc == null ? -1 : loc.getColumnNr());
    }

    public static HttpProblem malformed(String what, JsonParser p) {
        return malformed(what, p.currentLocation().getLineNr(), p.currentLocation().getColumnNr());
    }

    private static HttpProblem malformed(String what, int line, int column) {
        String where = line > 0 ? " at line " + line + ", column " + column : "";
        Problem p = Problem.of(400, "malformed-json", "Malformed JSON", "The body is not valid JSON" + where + ": " + what,
                null);
        return new HttpProblem(line > 0 ? p.at(line, column) : p);
    }

    /** Past this many unread bytes, a refused body is not read to its end: the connection is dropped instead. */
    private static final long DISCARDED_AT_MOST = 4L << 20;

    /**
     * The 413 for a body over the limit, once the rest of a body of moderate size is read and discarded:
     * closed with unread bytes, the connection is reset, and the client may lose the answer before reading it.
     */
    private static HttpProblem tooLarge(long maxBytes, InputStream rest) {
        try {
            long left = DISCARDED_AT_MOST;
            for (long n; left > 0 && (n = rest.skip(left)) > 0; ) left -= n;
        } catch (IOException e) {
            // the client went away: nobody is waiting for the answer
        }
        return tooLarge(maxBytes);
    }

    private static HttpProblem tooLarge(long maxBytes) {
        return new HttpProblem(Problem.of(413, "too-large", "Request body too large",
                "The body is larger than the limit of " + maxBytes + " bytes (http.max_body_bytes)", null));
    }

    public static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Javalin's JSON mapper, so that {@code ctx.json(x)} uses the same ObjectMapper. */
    public static io.javalin.json.JsonMapper javalinMapper() {
        return new io.javalin.json.JsonMapper() {
            @Override
            public String toJsonString(Object obj, Type type) {
                return write(obj);
            }
        };
    }
}
