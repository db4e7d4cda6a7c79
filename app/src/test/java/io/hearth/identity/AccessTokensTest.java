package io.hearth.identity;

import io.hearth.TestKeys;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantId;
import io.hearth.tenancy.TenantStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AccessTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final String oldKey = "k-2026-10:" + TestKeys.newSigningKey();
    private final String newKey = "k-2026-11:" + TestKeys.newSigningKey();
    private final Tenant acme = tenant("acme");
    private final UUID person = UUID.randomUUID();
    private final UUID session = UUID.randomUUID();

    private static Tenant tenant(String slug) {
        UUID id = UUID.randomUUID();
        return new Tenant(new TenantId(id), slug, "Org " + slug, "standard", "admin@" + slug + ".test", new TenantId(id).schemaName(), "main",
                TenantStatus.ACTIVE, null, null);
    }

    private AccessTokens tokens(String keys, Instant at) {
        return new AccessTokens(new SigningKeys(keys), "https://hearth.example", Duration.ofMinutes(15), Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void aTokenCarriesTenantPersonRolesAndSession() {
        AccessTokens tokens = tokens(newKey, NOW);

        AccessTokens.Claims claims = tokens.verify(tokens.issue(acme, person, List.of(Role.PTM, Role.MEMBER), session), acme);

        assertThat(claims.person()).isEqualTo(person);
        assertThat(claims.session()).isEqualTo(session);
        assertThat(claims.roles()).containsExactly("MEMBER", "PTM");
        assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void rotationKeepsTokensOfTheOldKeyValidUntilTheyExpire() {
        String token = tokens(oldKey, NOW).issue(acme, person, List.of(Role.MEMBER), session);
        String rotated = newKey + "," + oldKey;

        AccessTokens.Claims stillValid = tokens(rotated, NOW.plusSeconds(60)).verify(token, acme);
        Refusal expired = catchThrowableOfType(Refusal.class, () -> tokens(rotated, NOW.plus(Duration.ofMinutes(16))).verify(token, acme));
        Refusal keyDropped = catchThrowableOfType(Refusal.class, () -> tokens(newKey, NOW.plusSeconds(60)).verify(token, acme));

        assertThat(stillValid.person()).isEqualTo(person);
        assertThat(expired.kind()).isEqualTo(Refusal.Kind.UNAUTHENTICATED);
        assertThat(keyDropped.kind()).isEqualTo(Refusal.Kind.UNAUTHENTICATED);
    }

    @Test
    void theNewKeySignsAfterRotation() {
        AccessTokens rotated = tokens(newKey + "," + oldKey, NOW);

        String token = rotated.issue(acme, person, List.of(), session);

        assertThat(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]))).contains("\"kid\":\"k-2026-11\"");
    }

    @Test
    void aTokenOfAnotherOrganisationIsRefused() {
        AccessTokens tokens = tokens(newKey, NOW);
        String token = tokens.issue(acme, person, List.of(Role.ADMIN), session);

        Refusal error = catchThrowableOfType(Refusal.class, () -> tokens.verify(token, tenant("globex")));

        assertThat(error.kind()).isEqualTo(Refusal.Kind.UNAUTHENTICATED);
    }

    @Test
    void anAlteredTokenIsRefused() {
        AccessTokens tokens = tokens(newKey, NOW);
        String[] parts = tokens.issue(acme, person, List.of(Role.MEMBER), session).split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("MEMBER", "ADMIN").getBytes());

        Refusal error = catchThrowableOfType(Refusal.class, () -> tokens.verify(parts[0] + "." + forgedClaims + "." + parts[2], acme));

        assertThat(error.kind()).isEqualTo(Refusal.Kind.UNAUTHENTICATED);
    }

    @Test
    void publishesOnlyPublicKeys() {
        Map<String, Object> jwks = new SigningKeys(newKey + "," + oldKey).publicJwks();

        List<?> keys = (List<?>) jwks.get("keys");
        assertThat(keys).hasSize(2).allSatisfy(key -> assertThat(((Map<?, ?>) key).keySet().stream().map(Object::toString).toList()).contains("kid", "x", "y").doesNotContain("d"));
    }
}
