package io.hearth.identity;

import io.hearth.identity.internal.InvitationRepository;
import io.hearth.identity.internal.InvitationRow;
import io.hearth.messaging.Mailer;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantScope;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Invitations to join an organisation: a single-use token that expires, mailed as a link to the organisation's
 * host. Only the token's SHA-256 is stored.
 */
@Singleton
public class Invitations {

    private final InvitationRepository repository;
    private final Mailer mailer;
    private final String urlTemplate;
    private final Duration validFor;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    public Invitations(InvitationRepository repository, Mailer mailer,
                       @Property(name = "hearth.public-url-template") String urlTemplate,
                       @Property(name = "hearth.invitations.valid-for") Duration validFor) {
        this.repository = repository;
        this.mailer = mailer;
        this.urlTemplate = urlTemplate;
        this.validFor = validFor;
    }

    /**
     * Invites the organisation's first admin and mails the link, once: calling it again for the same open
     * invitation sends nothing new. Runs in the scope of the tenant.
     */
    public void inviteFirstAdmin(String email) {
        Tenant tenant = TenantScope.require();
        String role = Role.ADMIN.name();
        if (repository.findByEmailIlikeAndRoleAndAcceptedAtIsNull(email, role).filter(row -> row.sentAt() != null).isPresent()) {
            return;
        }
        String token = newToken();
        Instant now = clock.instant();
        InvitationRow row = repository.findByEmailIlikeAndRoleAndAcceptedAtIsNull(email, role)
                .map(existing -> repository.update(new InvitationRow(existing.id(), existing.email(), role, hash(token),
                        now.plus(validFor), null, null, existing.createdAt())))
                .orElseGet(() -> repository.save(new InvitationRow(UUID.randomUUID(), email, role, hash(token),
                        now.plus(validFor), null, null, now)));
        String link = urlTemplate.replace("{slug}", tenant.slug()) + "/invitations/" + token;
        mailer.send(email, "You are invited to run " + tenant.name() + " on Hearth",
                "Hello,\n\n" + tenant.name() + " now has its own place on Hearth, and you are its first administrator.\n\n"
                        + "Accept the invitation and choose your password here:\n" + link + "\n\n"
                        + "The link works once and expires on " + row.expiresAt() + ".\n");
        repository.updateSentAt(row.id(), clock.instant());
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
