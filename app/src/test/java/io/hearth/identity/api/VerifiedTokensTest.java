package io.hearth.identity.api;

import com.nimbusds.jwt.JWT;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantId;
import io.hearth.tenancy.TenantStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final Tenant acme = tenant("acme");
    private final Tenant other = tenant("other");
    private final AtomicInteger validations = new AtomicInteger();
    private final MovableClock clock = new MovableClock();
    /** The framework's validator: accepts "good-*" tokens for acme's host only, expiring 15 minutes from NOW. */
    private final VerifiedTokens tokens = new VerifiedTokens(new ReactiveJsonWebTokenValidator<>() {
        @Override
        public Publisher<JWT> validate(String token, HttpRequest<?> request) {
            return Mono.empty();
        }

        @Override
        public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
            validations.incrementAndGet();
            boolean onAcme = io.hearth.tenancy.api.TenantFilter.tenantOf(request).map(t -> t.id().equals(acme.id())).orElse(false);
            return token.startsWith("good-") && onAcme && clock.now.isBefore(NOW.plusSeconds(900))
                    ? Mono.just(Authentication.build(UUID.randomUUID().toString(), Set.of(), Map.of("exp", Date.from(NOW.plusSeconds(900)))))
                    : Mono.empty();
        }
    }, clock);

    @Test
    void aTokenThatPassedIsKnownOnItsOwnOrganisationUntilItExpires() {
        Authentication first = Mono.from(tokens.validateToken("good-1", on(acme))).block();
        Authentication again = Mono.from(tokens.validateToken("good-1", on(acme))).block();
        assertThat(first).isNotNull();
        assertThat(again).isSameAs(first);
        assertThat(validations).as("validated once").hasValue(1);

        assertThat(Mono.from(tokens.validateToken("good-1", on(other))).block()).as("on another organisation's host").isNull();
        assertThat(Mono.from(tokens.validateToken("good-2", on(acme))).block()).isNotNull();
        assertThat(validations).hasValue(3);

        clock.now = NOW.plusSeconds(901);
        assertThat(Mono.from(tokens.validateToken("good-1", on(acme))).block()).as("past its expiry").isNull();
    }

    @Test
    void aTokenThatFailedIsNeverRemembered() {
        assertThat(Mono.from(tokens.validateToken("bad", on(acme))).block()).isNull();
        assertThat(Mono.from(tokens.validateToken("bad", on(acme))).block()).isNull();
        assertThat(validations).hasValue(2);
        assertThat(Mono.from(tokens.validateToken("good-1", HttpRequest.GET("/api/v1/me"))).block()).as("no organisation").isNull();
    }

    private static HttpRequest<?> on(Tenant tenant) {
        HttpRequest<?> request = HttpRequest.GET("/api/v1/me");
        request.setAttribute("hearth.tenant", tenant);
        return request;
    }

    private static Tenant tenant(String slug) {
        TenantId id = new TenantId(UUID.randomUUID());
        return new Tenant(id, slug, slug, "standard", "admin@" + slug + ".test", id.schemaName(), "main", TenantStatus.ACTIVE, null, null);
    }

    private static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public long millis() {
            return now.toEpochMilli();
        }
    }
}
