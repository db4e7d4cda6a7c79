package io.hearth.identity;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Lockout, rate limits, grants that expire, deactivation and the last admin, through the API. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRulesIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.rate-limits.lockout-base", "2s", "hearth.rate-limits.lockout-max", "30s");
    }

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "rules");
        api = org.api();
    }

    private Api.Reply login(String email, String password) {
        return api.post("/api/v1/auth/login", Map.of("email", email, "password", password), null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aForwardedForHeaderFromAPeerThatIsNoTrustedProxyChangesNothing() {
        Org.Member member = org.member();
        Org.Member admin = org.admin();

        Api.Reply signedIn = api.send(io.micronaut.http.HttpRequest.POST("/api/v1/auth/login", Map.of("email", member.email(), "password", Org.PASSWORD))
                .header("X-Forwarded-For", "203.0.113.9"));
        Api.Reply audit = api.get("/api/v1/audit?action=sign-in.succeeded&targetId=" + member.id(), admin.accessToken());

        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(audit.list("items")).isNotEmpty();
        assertThat(audit.list("items")).extracting(entry -> ((Map<String, Object>) entry).get("ip")).doesNotContain("203.0.113.9")
                .allMatch(ip -> "127.0.0.1".equals(ip) || "0:0:0:0:0:0:0:1".equals(ip));
    }

    @Test
    void locksTheAccountAfterFiveFailuresEvenForTheRightPasswordAndLongerEachTime() {
        Org.Member member = org.member();
        for (int i = 0; i < 5; i++) {
            assertThat(login(member.email(), "wrong password number " + i).status()).isEqualTo(401);
        }

        Api.Reply locked = login(member.email(), Org.PASSWORD);
        long firstWait = Long.parseLong(locked.header("Retry-After").orElseThrow());
        await().atMost(Duration.ofSeconds(10)).until(() -> login(member.email(), Org.PASSWORD).status() == 200);
        for (int i = 0; i < 5; i++) {
            login(member.email(), "wrong again " + i);
        }
        // A success in between resets the count: the second lockout starts from the base again.
        Api.Reply lockedAgain = login(member.email(), Org.PASSWORD);

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("RATE_LIMITED");
        assertThat(locked.headers().getContentType()).hasValue("application/problem+json");
        assertThat(firstWait).isBetween(1L, 2L);
        assertThat(lockedAgain.status()).isEqualTo(429);
    }

    @Test
    void lockoutGrowsWithRepeatedLockoutsWithoutASuccess() {
        Org.Member member = org.member();
        for (int i = 0; i < 5; i++) {
            login(member.email(), "wrong password " + i);
        }
        long first = Long.parseLong(login(member.email(), "x wrong password x").header("Retry-After").orElseThrow());
        await().atMost(Duration.ofSeconds(10)).until(() -> login(member.email(), "probe wrong password").status() == 401);
        for (int i = 0; i < 4; i++) {
            login(member.email(), "wrong password " + i);
        }

        long second = Long.parseLong(login(member.email(), Org.PASSWORD).header("Retry-After").orElseThrow());

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void answers429WithRetryAfterOverTheOrganisationsPerPersonLimit() {
        Org small = Org.create(provisioning, directory, client, "limit");
        Org.Member admin = small.admin();
        small.api().put("/api/v1/organisation/settings", Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", List.of(),
                "apiRequestsPerMinute", 60), admin.accessToken());
        Org.Member member = small.member();

        List<Integer> statuses = new java.util.ArrayList<>();
        Api.Reply last = null;
        for (int i = 0; i < 62; i++) {
            last = small.api().get("/api/v1/me", member.accessToken());
            statuses.add(last.status());
        }

        // Signing in through the fixture read /me once already: 59 more fit in the 60.
        assertThat(statuses.subList(0, 59)).containsOnly(200);
        assertThat(statuses.subList(59, 62)).containsOnly(429);
        assertThat(last.code()).isEqualTo("RATE_LIMITED");
        assertThat(last.header("Retry-After")).hasValueSatisfying(value -> assertThat(Long.parseLong(value)).isBetween(1L, 60L));
    }

    @Test
    void settingsTakeAWholeNumberAboveAFloorAndStayReachableForAdminsOverTheLimit() {
        Org small = Org.create(provisioning, directory, client, "floor");
        String admin = small.admin().accessToken();
        String settings = "/api/v1/organisation/settings";

        Api.Reply asText = small.api().put(settings, Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", List.of(),
                "apiRequestsPerMinute", "1"), admin);
        Api.Reply belowTheFloor = small.api().put(settings, Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", List.of(),
                "apiRequestsPerMinute", 59), admin);
        Api.Reply atTheFloor = small.api().put(settings, Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", List.of(),
                "apiRequestsPerMinute", 60), admin);
        assertThat(asText.status()).as("%s", asText.body()).isEqualTo(400);
        assertThat(asText.list("errors").toString()).contains("apiRequestsPerMinute");
        assertThat(belowTheFloor.status()).isEqualTo(422);
        assertThat(atTheFloor.status()).isEqualTo(200);

        int limited = 0;
        for (int i = 0; i < 62; i++) {
            limited += small.api().get("/api/v1/me", admin).status() == 429 ? 1 : 0;
        }
        assertThat(limited).as("the admin is over the limit elsewhere").isPositive();
        assertThat(small.api().get(settings, admin).status()).isEqualTo(200);
        assertThat(small.api().put(settings, Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", List.of(),
                "apiRequestsPerMinute", 1000), admin).status()).as("he can always raise it again").isEqualTo(200);
    }

    private static Map<String, Object> settingsWith(String timeZone) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", List.of(), "apiRequestsPerMinute", 100));
        if (timeZone != null) {
            body.put("timeZone", timeZone);
        }
        return body;
    }

    @Test
    void anOrganisationLivesInUtcUntilAnAdminSetsItsZone() {
        Org fresh = Org.create(provisioning, directory, client, "zone");

        Api.Reply settings = fresh.api().get("/api/v1/organisation/settings", fresh.admin().accessToken());
        Api.Reply organisation = fresh.api().get("/api/v1/organisation", null);

        assertThat(settings.string("timeZone")).isEqualTo("UTC");
        assertThat(organisation.status()).isEqualTo(200);
        assertThat(organisation.string("timeZone")).isEqualTo("UTC");
    }

    @Test
    void aZoneSetInTheSettingsIsReadBackAndAnsweredToAnyoneAtTheHost() {
        Org fresh = Org.create(provisioning, directory, client, "zoneset");
        String admin = fresh.admin().accessToken();

        Api.Reply saved = fresh.api().put("/api/v1/organisation/settings", settingsWith("Europe/Berlin"), admin);

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.string("timeZone")).isEqualTo("Europe/Berlin");
        assertThat(fresh.api().get("/api/v1/organisation/settings", admin).string("timeZone")).isEqualTo("Europe/Berlin");
        assertThat(fresh.api().get("/api/v1/organisation", null).string("timeZone")).isEqualTo("Europe/Berlin");
    }

    @Test
    void aSettingsChangeWithoutAZoneKeepsTheZone() {
        Org fresh = Org.create(provisioning, directory, client, "zonekeep");
        String admin = fresh.admin().accessToken();
        fresh.api().put("/api/v1/organisation/settings", settingsWith("America/New_York"), admin);

        Api.Reply saved = fresh.api().put("/api/v1/organisation/settings",
                Map.of("registrationMode", "OPEN", "mfaRequiredRoles", List.of(), "apiRequestsPerMinute", 200), admin);

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).containsEntry("registrationMode", "OPEN").containsEntry("timeZone", "America/New_York");
        assertThat(fresh.api().get("/api/v1/organisation", null).string("timeZone")).isEqualTo("America/New_York");
    }

    @Test
    void aZoneThatIsNoIanaNameIsRefusedNamingTimeZone() {
        String admin = org.admin().accessToken();
        String before = api.get("/api/v1/organisation/settings", admin).string("timeZone");

        Api.Reply unknown = api.put("/api/v1/organisation/settings", settingsWith("Mars/Olympus_Mons"), admin);
        Api.Reply offset = api.put("/api/v1/organisation/settings", settingsWith("+02:00"), admin);

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(unknown.list("errors").toString()).contains("timeZone");
        assertThat(offset.status()).isEqualTo(422);
        assertThat(offset.list("errors").toString()).contains("timeZone");
        assertThat(api.get("/api/v1/organisation/settings", admin).string("timeZone")).isEqualTo(before);
    }

    @Test
    void anOrganisationsColourIsKeptLowerCaseKeptWhenLeftOutClearedByEmptyAndRefusedInAnyOtherForm() {
        Org fresh = Org.create(provisioning, directory, client, "colour");
        String admin = fresh.admin().accessToken();
        Map<String, Object> body = settingsWith("Europe/London");
        body.put("brandColour", "#1D4ED8");

        Api.Reply saved = fresh.api().put("/api/v1/organisation/settings", body, admin);
        Api.Reply kept = fresh.api().put("/api/v1/organisation/settings", settingsWith(null), admin);
        List<Integer> refused = java.util.stream.Stream.of("#fff", "blue", "1d4ed8", "#1d4ed8ff", "#gggggg").map(colour -> {
            Map<String, Object> bad = settingsWith(null);
            bad.put("brandColour", colour);
            return fresh.api().put("/api/v1/organisation/settings", bad, admin).status();
        }).toList();
        String afterRefusals = fresh.api().get("/api/v1/organisation/settings", admin).string("brandColour");
        Map<String, Object> clear = settingsWith(null);
        clear.put("brandColour", "");
        Api.Reply cleared = fresh.api().put("/api/v1/organisation/settings", clear, admin);

        assertThat(saved.string("brandColour")).isEqualTo("#1d4ed8");
        assertThat(kept.string("brandColour")).isEqualTo("#1d4ed8");
        assertThat(refused).containsOnly(422);
        assertThat(afterRefusals).isEqualTo("#1d4ed8");
        assertThat(cleared.body().get("brandColour")).isNull();
    }

    @Test
    void anExpiredGrantStopsCountingWithoutAnyJob() {
        Org.Member member = org.member();
        Api.Reply granted = api.post("/api/v1/members/" + member.id() + "/roles",
                Map.of("role", "LEADERSHIP", "validUntil", Instant.now().plusSeconds(2).toString()), org.admin().accessToken());

        Api.Reply during = api.get("/api/v1/audit", member.accessToken());
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/audit", member.accessToken()).status() == 403);
        Api.Reply me = api.get("/api/v1/me", member.accessToken());

        assertThat(granted.status()).isEqualTo(201);
        assertThat(during.status()).isEqualTo(200);
        assertThat(me.list("roles")).containsExactly("MEMBER");
    }

    @Test
    void refusesAGrantThatEndsInThePast() {
        Org.Member member = org.member();

        Api.Reply reply = api.post("/api/v1/members/" + member.id() + "/roles",
                Map.of("role", "PTM", "validUntil", Instant.now().minusSeconds(60).toString()), org.admin().accessToken());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.code()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void revokingARoleTakesEffectOnTheNextRequest() {
        Org.Member member = org.member(Role.SUPPORT);
        assertThat(api.get("/api/v1/members", member.accessToken()).status()).isEqualTo(200);

        Api.Reply revoked = api.delete("/api/v1/members/" + member.id() + "/roles/SUPPORT", org.admin().accessToken());

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/members", member.accessToken()).status()).isEqualTo(403);
    }

    @Test
    void deactivationEndsSessionsAndSignInTellsWhy() {
        Org.Member member = org.member();

        Api.Reply deactivated = api.post("/api/v1/members/" + member.id() + "/deactivate", null, org.admin().accessToken());
        Api.Reply me = api.get("/api/v1/me", member.accessToken());
        Api.Reply signIn = login(member.email(), Org.PASSWORD);
        Api.Reply reactivated = api.post("/api/v1/members/" + member.id() + "/reactivate", null, org.admin().accessToken());

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.body()).containsEntry("status", "DEACTIVATED");
        assertThat(me.status()).isEqualTo(401);
        assertThat(signIn.status()).isEqualTo(403);
        assertThat(signIn.code()).isEqualTo("ACCOUNT_DEACTIVATED");
        assertThat(reactivated.status()).isEqualTo(200);
        assertThat(login(member.email(), Org.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theLastAdminCannotBeRemoved() {
        Org solo = Org.create(provisioning, directory, client, "solo");
        Org.Member admin = solo.admin();

        Api.Reply revoke = solo.api().delete("/api/v1/members/" + admin.id() + "/roles/ADMIN", admin.accessToken());
        Api.Reply deactivate = solo.api().post("/api/v1/members/" + admin.id() + "/deactivate", null, admin.accessToken());
        Api.Reply erase = solo.api().delete("/api/v1/me", admin.accessToken());

        assertThat(revoke.status()).isEqualTo(409);
        assertThat(revoke.code()).isEqualTo("LAST_ADMIN");
        assertThat(deactivate.code()).isEqualTo("LAST_ADMIN");
        assertThat(erase.code()).isEqualTo("LAST_ADMIN");
    }

    @Test
    void searchesMembersByNamePrefixStatusAndRole() {
        Org.Member ptm = org.member(Role.PTM);

        Api.Reply byRole = api.get("/api/v1/members?role=PTM", org.admin().accessToken());
        Api.Reply byEmail = api.get("/api/v1/members?q=" + ptm.email().substring(0, 6), org.admin().accessToken());
        Api.Reply badStatus = api.get("/api/v1/members?status=SLEEPING", org.admin().accessToken());

        assertThat(byRole.list("items").stream().map(item -> (Object) ((Map<?, ?>) item).get("id")).toList()).contains(ptm.id().toString());
        assertThat(byEmail.list("items")).hasSize(1);
        assertThat(byEmail.body()).containsEntry("totalItems", 1);
        assertThat(badStatus.status()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeniedRequestIsAudited() {
        Org.Member member = org.member();

        api.get("/api/v1/audit", member.accessToken());
        Api.Reply log = api.get("/api/v1/audit?action=access.denied&actorId=" + member.id(), org.admin().accessToken());

        assertThat(log.status()).isEqualTo(200);
        assertThat(log.list("items")).singleElement().satisfies(entry -> {
            Map<String, Object> row = (Map<String, Object>) entry;
            assertThat(row.get("action")).isEqualTo("access.denied");
            assertThat(row.get("ip")).isEqualTo("127.0.0.1");
            assertThat((Map<String, Object>) row.get("details")).containsEntry("path", "/api/v1/audit").containsEntry("permission", "audit.view");
        });
    }
}
