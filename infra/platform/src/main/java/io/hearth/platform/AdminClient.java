package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** tenant-admin's API as an operator uses it: sign in, register organisations, watch their status. */
public final class AdminClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;
    private String token;

    public AdminClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void signIn(String email, String password) {
        Response response = send("POST", "/api/v1/auth/login", Map.of("email", email, "password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("operator sign-in failed: " + response);
        }
        token = response.body().get("accessToken").asText();
    }

    public Response register(String slug, String name, String adminEmail, String plan) {
        return send("POST", "/api/v1/tenants", Map.of("slug", slug, "name", name, "adminEmail", adminEmail, "plan", plan));
    }

    public Response tenant(String slug) {
        return send("GET", "/api/v1/tenants/" + slug, null);
    }

    public Response suspend(String slug) {
        return send("POST", "/api/v1/tenants/" + slug + "/suspend", null);
    }

    public Response reactivate(String slug) {
        return send("POST", "/api/v1/tenants/" + slug + "/reactivate", null);
    }

    /** Polls until the tenant has the status, and returns it, or fails after the timeout. */
    public JsonNode awaitStatus(String slug, String status, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Response response = tenant(slug);
            last = response.body();
            if (response.status() == 200 && status.equals(last.path("status").asText())) {
                return last;
            }
            if (response.status() == 200 && "FAILED".equals(last.path("status").asText())) {
                throw new IllegalStateException("provisioning of " + slug + " failed: " + last.path("failureReason").asText());
            }
            ServiceProcess.sleep(20);
        }
        throw new IllegalStateException(slug + " did not become " + status + " within " + timeout + "; last seen " + last);
    }

    public Response send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
            return new Response(response.statusCode(), response.headers().firstValue("Location").orElse(null), node);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public record Response(int status, String location, JsonNode body) {
    }
}
