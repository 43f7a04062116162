package dev.audience.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * The errors Jetty answers itself, before a request reaches a route (a malformed request line, headers too
 * large, a bad URI): the same problem+json as every other error, never Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.write(true, body(code, message, request.getHttpURI().getPath()), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        return body(status, reason, null);
    }

    private static ByteBuffer body(int status, String message, String path) {
        String title = HttpStatus.getMessage(status);
        String detail = status >= 500 || message == null || message.isBlank() ? title : message;
        Problem p = Problem.of(status, "http-" + status, title, detail, path);
        try {
            return ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
