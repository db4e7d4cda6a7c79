package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** tenant-admin's API as an operator uses it: sign in, register organisations, watch their status. */
public final class AdminClient {

    private final JsonHttp http = new JsonHttp();
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
        JsonHttp.Response response = http.send(baseUrl + path, method, body,
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
        return new Response(response.status(), response.location(), response.body());
    }

    public record Response(int status, String location, JsonNode body) {
    }
}
