package io.hearth.realtime;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Two organisations on one instance: a token of one never opens the other's socket, and nothing said in one reaches the other. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeIsolationIT implements RealStack {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject @Client("/") HttpClient client;
    @Inject EmbeddedServer server;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject Realtime realtime;
    Org a;
    Org b;

    @BeforeAll
    void organisations() {
        a = Org.create(provisioning, directory, client, "rt-a");
        b = Org.create(provisioning, directory, client, "rt-b");
    }

    TestSocket open(Org org) throws IOException {
        TestSocket socket = TestSocket.open(server.getPort(), org.tenant().slug() + ".localhost");
        assertThat(socket.status).isEqualTo(101);
        return socket;
    }

    @Test
    void aTokenOfOneOrganisationIsRefusedOnTheOthersSocket() throws IOException {
        Org.Member ofA = a.member();
        try (TestSocket socket = open(b)) {
            socket.until("hello", WAIT);
            socket.send(Map.of("type", "auth", "token", ofA.accessToken()));
            assertThat(socket.closed(WAIT).closeCode()).isEqualTo(4401);
        }
        try (TestSocket socket = TestSocket.open(server.getPort(), b.tenant().slug() + ".localhost", "hearth.v1", "bearer." + ofA.accessToken())) {
            assertThat(socket.closed(WAIT).closeCode()).as("by subprotocol too").isEqualTo(4401);
        }
    }

    @Test
    void whatIsSaidInOneOrganisationNeverReachesASocketOfTheOther() throws IOException {
        Org.Member facilitator = a.member(Role.FACILITATOR);
        Org.Member inA = a.member();
        Org.Member inB = b.member(Role.ADMIN);
        Api api = a.api();
        String circle = api.post("/api/v1/circles", Map.of("name", "Circle A", "capacity", 8), facilitator.accessToken()).string("id");
        api.post("/api/v1/circles/" + circle + "/members", Map.of("personId", inA.id().toString()), facilitator.accessToken());
        String chat = api.get("/api/v1/circles/" + circle + "/conversation", inA.accessToken()).string("id");

        try (TestSocket socketA = open(a); TestSocket socketB = open(b)) {
            socketA.signIn(inA.accessToken());
            socketB.signIn(inB.accessToken());
            // B's admin tries to follow A's conversation and to recover it by its id.
            socketB.send(Map.of("type", "watch", "conversationId", chat));
            assertThat(socketB.until("error", WAIT).get("code")).isEqualTo("CONVERSATION_NOT_ALLOWED");

            assertThat(api.post("/api/v1/conversations/" + chat + "/messages", Map.of("text", "only for circle A"), facilitator.accessToken()).status())
                    .isEqualTo(201);
            assertThat(api.post("/api/v1/announcements", Map.of("title", "A only", "body", "For A", "audience", "ORGANISATION"),
                    a.admin().accessToken()).status()).isEqualTo(201);
            assertThat(socketA.until("message", WAIT).get("conversationId")).isEqualTo(chat);
            assertThat(socketA.until("announcement", WAIT)).isNotNull();

            socketB.send(Map.of("type", "recover", "conversations", List.of(Map.of("conversationId", chat, "offset", 0, "epoch", "x"))));
            Map<?, ?> recovery = (Map<?, ?>) ((List<?>) socketB.until("recovered", WAIT).get("conversations")).get(0);
            assertThat(recovery.get("reason")).isEqualTo("not-allowed");

            String id = UUID.randomUUID().toString();
            realtime.send(b.tenant(), Set.of(inB.id()), new RealtimeIT.Marker("marker", id));
            assertThat(socketB.before("marker", id, "message", "announcement", "typing")).as("nothing of A reached B").isEmpty();
        }
    }
}
