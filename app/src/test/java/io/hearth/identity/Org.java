package io.hearth.identity;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.infra.MailCatcher;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantFixtures;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** An organisation for tests, reached through its host, whose people join the way real people do: by mailed links. */
public final class Org {

    public static final String PASSWORD = "correct horse battery staple";

    private final Tenant tenant;
    private final Api api;
    private Member admin;

    private Org(Tenant tenant, Api api) {
        this.tenant = tenant;
        this.api = api;
    }

    public static Org create(TenantProvisioning provisioning, TenantDirectory directory, HttpClient client, String prefix) {
        Tenant tenant = TenantFixtures.provisioned(provisioning, directory, prefix);
        return new Org(tenant, new Api(client, tenant.slug() + ".localhost"));
    }

    /** An organisation provisioned some other way (on a cluster a test names, from a backup). */
    public static Org of(Tenant tenant, HttpClient client) {
        return new Org(tenant, new Api(client, tenant.slug() + ".localhost"));
    }

    public Tenant tenant() {
        return tenant;
    }

    public Api api() {
        return api;
    }

    /** A signed-in person. */
    public record Member(UUID id, String email, String accessToken, String refreshToken) {
    }

    /** The first admin, from onboarding's invitation. */
    public synchronized Member admin() {
        if (admin == null) {
            String email = "admin@" + tenant.slug() + ".test";
            String token = lastLink(email, "/invitations/");
            Api.Reply accepted = api.post("/api/v1/auth/invitations/" + token + "/accept",
                    Map.of("password", PASSWORD, "firstName", "Ada", "lastName", "Admin"), null);
            assertThat(accepted.status()).as("accept first admin: %s", accepted.body()).isEqualTo(201);
            admin = login(email, PASSWORD);
        }
        return admin;
    }

    /** A new person invited by the admin, holding exactly these roles (MEMBER is always among them). */
    public Member member(Role... roles) {
        String email = "m-" + UUID.randomUUID().toString().substring(0, 8) + "@" + tenant.slug() + ".test";
        Api.Reply invited = api.post("/api/v1/members/invitations", Map.of("email", email, "role", "MEMBER"), admin().accessToken());
        assertThat(invited.status()).as("invite: %s", invited.body()).isEqualTo(201);
        Api.Reply accepted = api.post("/api/v1/auth/invitations/" + lastLink(email, "/invitations/") + "/accept",
                Map.of("password", PASSWORD, "firstName", "Max", "lastName", "Member"), null);
        assertThat(accepted.status()).as("accept: %s", accepted.body()).isEqualTo(201);
        UUID id = UUID.fromString((String) accepted.map("person").get("id"));
        for (Role role : roles) {
            if (role != Role.MEMBER) {
                Api.Reply granted = api.post("/api/v1/members/" + id + "/roles", Map.of("role", role.name()), admin().accessToken());
                assertThat(granted.status()).as("grant: %s", granted.body()).isEqualTo(201);
            }
        }
        return login(email, PASSWORD);
    }

    public Member login(String email, String password) {
        // As a non-browser client: it asks for the refresh token in the body.
        Api.Reply reply = api.send(io.micronaut.http.HttpRequest.POST("/api/v1/auth/login", Map.of("email", email, "password", password))
                .header("Hearth-Refresh-Token", "body"));
        assertThat(reply.status()).as("login: %s", reply.body()).isEqualTo(200);
        Api.Reply me = api.get("/api/v1/me", reply.string("accessToken"));
        return new Member(UUID.fromString((String) me.map("person").get("id")), email, reply.string("accessToken"), reply.string("refreshToken"));
    }

    /** The token at the end of the newest link mailed to the address whose path contains the marker (mail goes out from a queue: waits up to 10 s). */
    public static String lastLink(String email, String marker) {
        Pattern link = Pattern.compile(Pattern.quote(marker) + "([A-Za-z0-9_-]{20,})");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        do {
            List<MailCatcher.Mail> mails = new ArrayList<>(RealStack.stack().mailCatcher().messages());
            for (int i = mails.size() - 1; i >= 0; i--) {
                MailCatcher.Mail mail = mails.get(i);
                if (mail.to().stream().anyMatch(to -> to.equalsIgnoreCase(email))) {
                    Matcher matcher = link.matcher(mail.body());
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no mail to " + email + " with a link containing " + marker);
    }
}
