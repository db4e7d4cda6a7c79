package io.hearth.identity;

import io.hearth.ErrorCode;
import io.hearth.crypto.SecretTokens;
import io.hearth.identity.internal.InvitationRepository;
import io.hearth.identity.internal.InvitationRow;
import io.hearth.kit.Refusal;
import io.hearth.messaging.Mailer;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitations to join an organisation: a single-use token that expires, mailed as a link to the organisation's
 * host. Only the token's SHA-256 is stored.
 */
@TenantBound
@Singleton
public class Invitations {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Invitations.class);

    private final InvitationRepository repository;
    private final io.hearth.identity.internal.PersonRepository people;
    private final Mailer mailer;
    private final String urlTemplate;
    private final Duration validFor;
    private final Clock clock;

    private static final java.time.Duration RESEND_AFTER = java.time.Duration.ofMinutes(1);

    public Invitations(InvitationRepository repository, io.hearth.identity.internal.PersonRepository people, Mailer mailer,
                       @Property(name = "hearth.public-url-template") String urlTemplate,
                       @Property(name = "hearth.invitations.valid-for") Duration validFor, Clock clock) {
        this.repository = repository;
        this.people = people;
        this.mailer = mailer;
        this.urlTemplate = urlTemplate;
        this.validFor = validFor;
        this.clock = clock;
    }

    /**
     * Invites the organisation's first admin and mails the link, once: calling it again for the same open
     * invitation, or once he has joined (a provisioning run again), sends nothing new. Runs in the scope of the tenant.
     */
    public void inviteFirstAdmin(Tenant tenant, String email) {
        if (repository.findOpen(email, Role.ADMIN.name()).filter(row -> row.sentAt() != null).isPresent()
                || people.findByEmail(email).isPresent()) {
            return;
        }
        send(tenant, email, Role.ADMIN, null, null, "You are invited to run " + tenant.name() + " on Hearth",
                tenant.name() + " now has its own place on Hearth, and you are its first administrator.");
    }

    /** A new first-admin invitation, replacing the open one, unless someone has already joined with the address. */
    public void reinviteFirstAdmin(Tenant tenant, String email) {
        if (people.findByEmail(email).isPresent()) {
            LOG.info("first admin invitation not resent: {} has joined", email.replaceAll("^[^@]*", "***"));
            return;
        }
        send(tenant, email, Role.ADMIN, null, null, "You are invited to run " + tenant.name() + " on Hearth",
                tenant.name() + " now has its own place on Hearth, and you are its first administrator. This link replaces any earlier one.");
    }

    /**
     * Invites someone to join with a role; a new invitation to the same address and role replaces the open one. The
     * same invitation asked again within a minute (a double click, a request sent twice at once) is the one already
     * sent: one mail, not one per request.
     */
    @io.micronaut.transaction.annotation.Transactional
    public InvitationRow invite(Tenant tenant, String email, Role role, UUID invitedBy) {
        repository.lockAddress(email);
        Optional<InvitationRow> recent = repository.findOpen(email, role.name())
                .filter(open -> open.sentAt() != null && open.sentAt().isAfter(clock.instant().minus(RESEND_AFTER)));
        if (recent.isPresent()) {
            return recent.get();
        }
        return send(tenant, email, role, invitedBy, null, "You are invited to join " + tenant.name() + " on Hearth",
                "You are invited to join " + tenant.name() + " on Hearth" + (role == Role.MEMBER ? "." : " as " + role.name().toLowerCase() + "."));
    }

    /**
     * Invites a man the organisation has already (an import created him, without a password): accepting it gives him his
     * password and proves his address; it replaces his open invitation, if any.
     */
    @io.micronaut.transaction.annotation.Transactional
    public InvitationRow inviteExisting(Tenant tenant, UUID person, String email, UUID invitedBy) {
        repository.lockAddress(email);
        return send(tenant, email, Role.MEMBER, invitedBy, person, "You are invited to join " + tenant.name() + " on Hearth",
                tenant.name() + " has added you as a member on Hearth.");
    }

    /** Uses an invitation: the open, unexpired one the token is for; 404 or 410 otherwise. */
    public InvitationRow accept(String token) {
        InvitationRow invitation = repository.findByTokenHash(SecretTokens.hash(token))
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, ErrorCode.TOKEN_INVALID, "No invitation has this link"));
        Instant now = clock.instant();
        if (invitation.acceptedAt() != null || !invitation.expiresAt().isAfter(now) || repository.markAccepted(invitation.id(), now) != 1) {
            throw new Refusal(Refusal.Kind.GONE, ErrorCode.TOKEN_INVALID, "This invitation was used already or has expired: ask for a new one");
        }
        return invitation;
    }

    private InvitationRow send(Tenant tenant, String email, Role role, @Nullable UUID invitedBy, @Nullable UUID person, String subject, String opening) {
        String token = SecretTokens.newToken();
        Instant now = clock.instant();
        InvitationRow row = repository.findOpen(email, role.name())
                .map(existing -> repository.update(new InvitationRow(existing.id(), existing.email(), role.name(), SecretTokens.hash(token),
                        now.plus(validFor), null, null, existing.createdAt(), invitedBy, person)))
                .orElseGet(() -> repository.save(new InvitationRow(UUID.randomUUID(), email, role.name(), SecretTokens.hash(token),
                        now.plus(validFor), null, null, now, invitedBy, person)));
        String link = urlTemplate.replace("{slug}", tenant.slug()) + "/invitations/" + token;
        mailer.send(tenant, email, subject, "Hello,\n\n" + opening + "\n\nAccept the invitation and choose your password here:\n" + link
                + "\n\nThe link works once and expires on " + row.expiresAt() + ".\n");
        repository.updateSentAt(row.id(), clock.instant());
        return row;
    }
}
