package dev.audience.channel.push;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach FCM HTTP v1: the service-account JSON (its project_id names the project, its token_uri is where
 * access tokens come from), the API's base URL (https://fcm.googleapis.com, or a test server), and how long to
 * wait for a connection and for a reply.
 */
public record FcmSettings(Path credentialsFile, URI endpoint, Duration timeout) {
    public static final URI GOOGLE = URI.create("https://fcm.googleapis.com");

    public FcmSettings {
        Objects.requireNonNull(credentialsFile, "credentialsFile");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** POST {endpoint}/v1/projects/{project}/messages:send */
    public URI sendUri(String projectId) {
        String base = endpoint.toString().replaceAll("/+$", "");
        return URI.create(base + "/v1/projects/" + projectId + "/messages:send");
    }
}
