package io.hearth.web;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.infra.FreePorts;
import io.hearth.infra.Redis;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis stopped under a running app: signed-in requests and sign-ins answer 503 problem+json with Retry-After
 * within about a second (not after the caller's timeout), and normal service is back within 10 s of its return.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageIT implements RealStack {

    private static final int PORT = FreePorts.next();
    private static Redis redis = Redis.start(PORT);

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.redis.uri", "redis://127.0.0.1:" + PORT);
    }

    @AfterAll
    void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void answers503QuicklyWhileRedisIsDownAndRecoversWhenItIsBack() {
        Org org = Org.create(provisioning, directory, client, "redis-down");
        Org.Member member = org.member();
        assertThat(org.api().get("/api/v1/me", member.accessToken()).status()).isEqualTo(200);

        redis.close();
        redis = null;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            Api.Reply me = org.api().get("/api/v1/me", member.accessToken());
            Api.Reply signIn = org.api().post("/api/v1/auth/login", Map.of("email", member.email(), "password", Org.PASSWORD), null);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(me.status()).as("signed in: %s", me.body()).isEqualTo(503);
            assertThat(me.code()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(me.header("Retry-After")).isPresent();
            assertThat(signIn.status()).as("sign-in: %s", signIn.body()).isEqualTo(503);
            assertThat(took).as("both answers").isLessThan(Duration.ofMillis(2500));
        }

        redis = Redis.start(PORT);
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> org.api().get("/api/v1/me", member.accessToken()).status() == 200);
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(10));
        assertThat(org.api().post("/api/v1/auth/login", Map.of("email", member.email(), "password", Org.PASSWORD), null).status()).isEqualTo(200);
    }
}
