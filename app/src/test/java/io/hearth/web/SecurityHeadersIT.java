package io.hearth.web;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** Every answer carries the browser-hardening headers; API answers with personal data are never stored. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "headers");
    }

    @Test
    void personalDataIsHardenedAndNeverStored() {
        String token = org.admin().accessToken();
        for (String path : new String[]{"/api/v1/me", "/api/v1/me/export", "/api/v1/members"}) {
            Api.Reply reply = org.api().get(path, token);
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertHardened(reply, path);
            assertThat(reply.header("Cache-Control")).as(path).hasValue("no-store");
        }
    }

    @Test
    void errorsAndPublicAnswersAreHardenedToo() {
        Api.Reply missing = org.api().get("/api/v1/nothing-here", null);
        assertThat(missing.status()).isEqualTo(404);
        assertHardened(missing, "404");
        Api.Reply unsigned = org.api().get("/api/v1/me", null);
        assertThat(unsigned.status()).isEqualTo(401);
        assertHardened(unsigned, "401 from the security filter");

        Api.Reply keys = org.api().get("/.well-known/jwks.json", null);
        assertHardened(keys, "jwks");
        assertThat(keys.header("Cache-Control")).as("an answer that sets its own caching keeps it").hasValue("public, max-age=300");
    }

    static void assertHardened(Api.Reply reply, String what) {
        String policy = reply.header("Content-Security-Policy").orElse("");
        assertThat(policy).as(what).contains("default-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'");
        assertThat(policy.replaceAll(".*script-src ([^;]*).*", "$1")).as("%s: no inline script", what)
                .isEqualTo("'self'");
        assertThat(reply.header("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(reply.header("Referrer-Policy")).as(what).hasValue("no-referrer");
        assertThat(reply.header("Permissions-Policy")).as(what).isPresent().get().asString().contains("microphone=()");
        assertThat(reply.header("Strict-Transport-Security")).as("%s: on by default", what).hasValueSatisfying(
                hsts -> assertThat(hsts).startsWith("max-age="));
    }
}
