package dev.audience.channel.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A Firebase service account, loaded from its JSON key file: google-auth signs the JWT grant with its private
 * key, exchanges it at the file's token_uri for an OAuth2 access token, caches the token and refreshes it
 * before it expires. {@code projectId} names the project messages are sent through.
 */
public record FcmCredentials(GoogleCredentials credentials, String projectId, String clientEmail, String tokenUri) {
    /** The scope FCM HTTP v1 asks for. */
    public static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    public FcmCredentials {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(clientEmail, "clientEmail");
        Objects.requireNonNull(tokenUri, "tokenUri");
    }

    /** @throws PushSetupException when the file is missing or is not a service-account key with a project */
    public static FcmCredentials load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw problem(file + ": no such file", e);
        } catch (IOException e) {
            throw problem(file + " cannot be read: " + e.getMessage(), e);
        }
        JsonNode json = PushJson.read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        if (!json.isObject() || json.isEmpty()) throw problem(file + " is not JSON: expected a service-account key file", null);
        if (!"service_account".equals(json.path("type").asText())) {
            throw problem(file + " has \"type\": \"" + json.path("type").asText() + "\"; a Firebase service-account key"
                    + " (Project settings > Service accounts > Generate new private key) has \"service_account\"", null);
        }
        for (String field : List.of("project_id", "client_email", "private_key")) {
            if (json.path(field).asText("").isBlank()) throw problem(file + " has no \"" + field + "\"", null);
        }
        ServiceAccountCredentials account;
        try {
            account = ServiceAccountCredentials.fromStream(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw problem(file + " is not a usable service-account key: " + e.getMessage(), e);
        }
        return new FcmCredentials(account.createScoped(List.of(SCOPE)), json.path("project_id").asText(),
                account.getClientEmail(), String.valueOf(account.getTokenServerUri()));
    }

    private static PushSetupException problem(String message, Throwable cause) {
        return new PushSetupException(PushSetupException.Part.FCM_CREDENTIALS_FILE, message, cause);
    }
}
