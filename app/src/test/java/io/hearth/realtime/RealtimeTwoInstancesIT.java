package io.hearth.realtime;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.hearth.infra.FreePorts;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two app instances on one Redis: a message written through one reaches sockets on both; presence holds across them. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeTwoInstancesIT implements RealStack {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject @Client("/") HttpClient client;
    @Inject EmbeddedServer first;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    EmbeddedServer second;
    HttpClient secondClient;
    Org org;
    Api two;

    @BeforeAll
    void start() {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("micronaut.server.port", FreePorts.next());
        second = ApplicationContext.run(EmbeddedServer.class, properties);
        secondClient = HttpClient.create(second.getURL());
        org = Org.create(provisioning, directory, client, "rt-two");
        two = new Api(secondClient, org.tenant().slug() + ".localhost");
    }

    @AfterAll
    void stop() {
        secondClient.close();
        second.close();
    }

    TestSocket on(EmbeddedServer server, Org.Member member) throws IOException {
        TestSocket socket = TestSocket.open(server.getPort(), org.tenant().slug() + ".localhost");
        assertThat(socket.status).isEqualTo(101);
        socket.signIn(member.accessToken());
        return socket;
    }

    @Test
    void aMessageWrittenOnOneInstanceReachesSocketsOnBothAndPresenceHoldsAcrossThem() throws IOException {
        Org.Member facilitator = org.member(Role.FACILITATOR);
        Org.Member here = org.member();
        Org.Member there = org.member();
        String circle = two.post("/api/v1/circles", Map.of("name", "Across", "capacity", 8), facilitator.accessToken()).string("id");
        two.post("/api/v1/circles/" + circle + "/members", Map.of("personId", here.id().toString()), facilitator.accessToken());
        two.post("/api/v1/circles/" + circle + "/members", Map.of("personId", there.id().toString()), facilitator.accessToken());
        String chat = two.get("/api/v1/circles/" + circle + "/conversation", here.accessToken()).string("id");

        try (TestSocket onFirst = on(first, here); TestSocket onSecond = on(second, there)) {
            assertThat(two.post("/api/v1/conversations/" + chat + "/messages", Map.of("text", "across instances"), facilitator.accessToken()).status())
                    .isEqualTo(201);
            assertThat(((Map<?, ?>) onFirst.until("message", WAIT).get("message")).get("text")).isEqualTo("across instances");
            assertThat(((Map<?, ?>) onSecond.until("message", WAIT).get("message")).get("text")).isEqualTo("across instances");

            onFirst.send(Map.of("type", "presence.watch", "people", java.util.List.of(facilitator.id().toString())));
            assertThat(onFirst.until("presence", WAIT)).containsEntry("status", "offline");
            TestSocket facilitatorOnSecond = on(second, facilitator);
            assertThat(onFirst.until("presence", WAIT)).as("online on the other instance").containsEntry("status", "online");
            facilitatorOnSecond.send(Map.of("type", "typing", "conversationId", chat));
            assertThat(onFirst.until("typing", WAIT).get("personId")).isEqualTo(facilitator.id().toString());
            facilitatorOnSecond.close();
            assertThat(onFirst.until("presence", WAIT)).containsEntry("status", "offline");
        }
    }
}
