package io.hearth.conversations;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Written as one organisation, never read, found, changed or counted as another. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationIsolationIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;

    @Test
    void aConversationOfOneOrganisationIsNothingInAnother() {
        Org a = Org.create(provisioning, directory, client, "talk-a");
        Org b = Org.create(provisioning, directory, client, "talk-b");
        Org.Member facilitatorA = a.member(Role.FACILITATOR);
        Org.Member adminB = b.admin();
        Org.Member memberB = b.member();
        String circle = a.api().post("/api/v1/circles", Map.of("name", "A circle", "capacity", 5), facilitatorA.accessToken()).string("id");
        String chat = a.api().get("/api/v1/circles/" + circle + "/conversation", facilitatorA.accessToken()).string("id");
        String message = a.api().post("/api/v1/conversations/" + chat + "/messages", Map.of("text", "zebra crossing tonight"),
                facilitatorA.accessToken()).string("id");
        assertThat(message).isNotNull();

        Api inB = b.api();
        assertThat(inB.get("/api/v1/conversations/" + chat, adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/conversations/" + chat + "/messages", adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.post("/api/v1/conversations/" + chat + "/messages", Map.of("text", "hi"), adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.put("/api/v1/messages/" + message, Map.of("text", "changed"), adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.delete("/api/v1/messages/" + message, adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/messages/search?q=zebra", adminB.accessToken()).list("items")).isEmpty();
        assertThat(inB.get("/api/v1/conversations", memberB.accessToken()).list("items")).isEmpty();
        assertThat(inB.post("/api/v1/conversations", Map.of("personId", facilitatorA.id().toString()), adminB.accessToken()).status())
                .as("a man of another organisation is nobody here").isEqualTo(404);
        assertThat(inB.get("/api/v1/conversations", facilitatorA.accessToken()).status())
                .as("A's token on B's host").isEqualTo(401);
        assertThat(a.api().get("/api/v1/conversations/" + chat + "/messages", facilitatorA.accessToken()).list("items")).hasSize(1);

        String announcement = a.api().post("/api/v1/announcements", Map.of("title", "Only in A", "body", "zebra news", "audience", "ORGANISATION"),
                a.admin().accessToken()).string("id");
        assertThat(inB.get("/api/v1/announcements", adminB.accessToken()).list("items")).isEmpty();
        assertThat(inB.get("/api/v1/announcements/" + announcement, adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.post("/api/v1/announcements/" + announcement + "/comments", Map.of("text", "hi"), memberB.accessToken()).status())
                .isEqualTo(404);
    }
}
