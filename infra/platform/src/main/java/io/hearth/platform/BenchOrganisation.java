package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An organisation a benchmark measures: onboarded through tenant-admin, seeded as the demo organisation, with the
 * per-person request limit raised out of the way (a benchmark measures the work, not the limiter's refusals).
 */
record BenchOrganisation(String url, String host, JsonHttp http) {

    static BenchOrganisation onboard(Platform platform, String slugPrefix, String name) {
        AdminClient operator = new AdminClient(platform.tenantAdmin().baseUrl());
        operator.signIn("operator@hearth.localhost", "hearth-operator-dev");
        String slug = slugPrefix + "-" + UUID.randomUUID().toString().substring(0, 4);
        operator.register(slug, name, "admin@demo.localhost", "standard");
        operator.awaitStatus(slug, "ACTIVE", Duration.ofSeconds(30));
        new DemoOrganisation(platform.app().baseUrl(), slug, platform.stack().mailCatcher()).seed("admin@demo.localhost");
        BenchOrganisation organisation = new BenchOrganisation(platform.app().baseUrl(), slug + ".localhost", new JsonHttp());
        organisation.http().send(organisation.url() + "/api/v1/organisation/settings", "PUT", Map.of("registrationMode", "APPROVAL",
                "mfaRequiredRoles", List.of(), "apiRequestsPerMinute", 100000), organisation.auth(organisation.login("admin@demo.localhost")));
        return organisation;
    }

    String slug() {
        return host.substring(0, host.indexOf('.'));
    }

    /** Signs in with the demo password; the refresh token comes in the body too (a non-browser client). */
    String login(String email) {
        JsonHttp.Response response = http.send(url + "/api/v1/auth/login", "POST", Map.of("email", email, "password", DemoOrganisation.PASSWORD),
                Map.of("Host", host, "Hearth-Refresh-Token", "body"));
        JsonNode token = response.body().get("accessToken");
        if (response.status() != 200 || token == null) {
            throw new IllegalStateException("sign-in of " + email + " failed: " + response.status() + " " + response.body());
        }
        return token.asText();
    }

    Map<String, String> auth(String token) {
        return Map.of("Host", host, "Authorization", "Bearer " + token);
    }
}
