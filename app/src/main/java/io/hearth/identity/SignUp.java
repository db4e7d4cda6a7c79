package io.hearth.identity;

import io.hearth.ErrorCode;
import io.hearth.crypto.FieldCipher;
import io.hearth.crypto.SecretTokens;
import io.hearth.identity.internal.CredentialStore;
import io.hearth.identity.internal.InvitationRow;
import io.hearth.identity.internal.PersonRepository;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.kit.SqlFailures;
import io.hearth.kit.crypto.PasswordHasher;
import io.hearth.messaging.Mailer;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Becoming a member: registering (then verifying the address), or accepting an invitation. */
@TenantBound
@Singleton
public class SignUp {

    static final String VERIFY_EMAIL = "VERIFY_EMAIL";

    private final PersonRepository persons;
    private final People people;
    private final CredentialStore credentials;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Invitations invitations;
    private final RoleGrants roleGrants;
    private final FieldCipher cipher;
    private final Mailer mailer;
    private final PublicLinks links;
    private final Audit audit;
    private final Duration verificationValidFor;
    private final Admissions admissions;
    private final OrganisationSso sso;
    private final Clock clock;

    public SignUp(PersonRepository persons, People people, CredentialStore credentials, PasswordHasher hasher, PasswordPolicy policy,
                  Invitations invitations, RoleGrants roleGrants, FieldCipher cipher, Mailer mailer, PublicLinks links, Audit audit,
                  @Property(name = "hearth.identity.email-verification-valid-for") Duration verificationValidFor, Admissions admissions, Clock clock,
                  OrganisationSso sso) {
        this.admissions = admissions;
        this.sso = sso;
        this.persons = persons;
        this.people = people;
        this.credentials = credentials;
        this.hasher = hasher;
        this.policy = policy;
        this.invitations = invitations;
        this.roleGrants = roleGrants;
        this.cipher = cipher;
        this.mailer = mailer;
        this.links = links;
        this.audit = audit;
        this.verificationValidFor = verificationValidFor;
        this.clock = clock;
    }

    /**
     * Self-registration: the account waits for its address to be verified (and, if the organisation says so,
     * approved). For an address that has an account already, nothing is created and its owner is mailed that someone
     * tried: the caller gets the same answer, in the same time (the password is hashed either way), so registration
     * does not tell which addresses have accounts.
     */
    public void register(Tenant tenant, String email, String password, String firstName, String lastName, @Nullable String phone, String ip) {
        policy.check("password", password, tenant.name(), tenant.slug(), firstName, lastName, email);
        String address = Accounts.normaliseEmail(email);
        String hash = hasher.hash(password);
        if (sso.signsInThroughProvider(tenant, address)) {
            // His organisation's provider makes his account at his first sign-in there: a password account for the
            // address would only let someone else hold it first. Same answer, same time, nothing made.
            audit.record(AuditAction.REGISTRATION_FOR_EXISTING_ACCOUNT, null, null, ip, Map.of("reason", "sso-domain"));
            return;
        }
        Optional<PersonRow> existing = persons.findByEmail(address);
        if (existing.isPresent()) {
            PersonRow owner = existing.get();
            audit.record(AuditAction.REGISTRATION_FOR_EXISTING_ACCOUNT, null, owner.id(), ip, Map.of());
            if (!PersonStatus.ERASED.name().equals(owner.status())) {
                mailer.send(tenant, owner.email(), "Someone tried to sign up to " + tenant.name() + " with your address",
                        "Hello " + owner.firstName() + ",\n\nSomeone tried to create an account on " + tenant.name()
                                + " with this email address, which already has one. If it was you, sign in, or choose a new password here:\n"
                                + links.to(tenant, "/reset-password") + "\n\nIf it was not you, you need do nothing: your account is unchanged.\n");
            }
            return;
        }
        UUID id = UUID.randomUUID();
        // Credentials first: a password row without a person is inert, a person without a password is stuck.
        credentials.setPassword(tenant.id().value(), id, hash);
        Instant now = clock.instant();
        PersonRow person = insert(new PersonRow(id, address, firstName.strip(), lastName.strip(),
                phone == null ? null : cipher.seal(phone, Accounts.phoneAad(tenant, id)), null, PersonStatus.PENDING_VERIFICATION.name(), null,
                false, now, now, null, null, null));
        roleGrants.grant(tenant, id, Role.MEMBER, null, null);
        audit.record(AuditAction.ACCOUNT_REGISTERED, id, id, ip, Map.of());
        String token = SecretTokens.newToken();
        credentials.addOneTimeToken(tenant.id().value(), id, VERIFY_EMAIL, SecretTokens.hash(token), now.plus(verificationValidFor));
        mailer.send(tenant, address, "Confirm your email address for " + tenant.name(),
                "Hello " + person.firstName() + ",\n\nConfirm your email address to finish joining " + tenant.name() + " on Hearth:\n"
                        + links.to(tenant, "/verify-email/" + token) + "\n\nThe link works once and expires on " + now.plus(verificationValidFor) + ".\n");
    }

    /**
     * Mails him a new link to confirm his address, when it is not confirmed (it bounced): 409 when it is. The link is
     * the one sign-up mails, and works once.
     */
    public void confirmAgain(Caller caller) {
        PersonRow person = persons.findById(caller.person()).orElseThrow(() -> Refusal.notFound("No such person"));
        if (person.emailVerifiedAt() != null) {
            throw Refusal.conflict("Your email address is confirmed already");
        }
        Instant now = clock.instant();
        String token = SecretTokens.newToken();
        credentials.addOneTimeToken(caller.tenant().id().value(), person.id(), VERIFY_EMAIL, SecretTokens.hash(token), now.plus(verificationValidFor));
        mailer.send(caller.tenant(), person.email(), "Confirm your email address for " + caller.tenant().name(),
                "Hello " + person.firstName() + ",\n\nConfirm that this is your address, so that " + caller.tenant().name()
                        + " can reach you by email again:\n" + links.to(caller.tenant(), "/verify-email/" + token)
                        + "\n\nThe link works once and expires on " + now.plus(verificationValidFor) + ".\n");
    }

    /** Confirms the address; the account becomes active, or waits for approval where the organisation wants it. */
    public PersonRow verifyEmail(Tenant tenant, String token, String ip) {
        UUID id = credentials.consumeOneTimeToken(tenant.id().value(), VERIFY_EMAIL, SecretTokens.hash(token))
                .orElseThrow(() -> new Refusal(Refusal.Kind.GONE, ErrorCode.TOKEN_INVALID, "This link is invalid, used or expired"));
        PersonRow person = persons.findById(id).orElseThrow(() -> new Refusal(Refusal.Kind.GONE, ErrorCode.TOKEN_INVALID, "The account is gone"));
        if (PersonStatus.PENDING_VERIFICATION.name().equals(person.status())) {
            PersonStatus next = people.settings().registrationMode() == OrganisationSettings.RegistrationMode.OPEN
                    ? PersonStatus.ACTIVE : PersonStatus.PENDING_APPROVAL;
            persons.markEmailVerified(id, next.name(), clock.instant());
            admissions.personChanged(tenant, id);
            audit.record(AuditAction.EMAIL_VERIFIED, id, id, ip, Map.of("status", next.name()));
        } else if (person.emailVerifiedAt() == null) {
            // Confirmed again after a bounce: mail reaches him again; his status is unchanged.
            persons.reverifyEmail(id, clock.instant());
            audit.record(AuditAction.EMAIL_VERIFIED, id, id, ip, Map.of("again", true));
        }
        return persons.findById(id).orElseThrow();
    }

    /** Joins through an invitation: the address is proven by the link, so the account is active at once. */
    public PersonRow acceptInvitation(Tenant tenant, String token, String password, String firstName, String lastName, String ip) {
        policy.check("password", password, tenant.name(), tenant.slug(), firstName, lastName);
        InvitationRow invitation = invitations.accept(token);
        Optional<PersonRow> existing = persons.findByEmail(invitation.email());
        if (existing.isPresent() && invitation.personId() != null && existing.get().id().equals(invitation.personId())
                && existing.get().emailVerifiedAt() == null && credentials.passwordHash(tenant.id().value(), invitation.personId()).isEmpty()) {
            return completeImported(tenant, existing.get(), password, firstName, lastName, ip);
        }
        if (existing.isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.EMAIL_TAKEN, "An account with this email address exists: sign in instead");
        }
        UUID id = UUID.randomUUID();
        credentials.setPassword(tenant.id().value(), id, hasher.hash(password));
        Instant now = clock.instant();
        PersonRow person = insert(new PersonRow(id, Accounts.normaliseEmail(invitation.email()), firstName.strip(), lastName.strip(), null, null,
                PersonStatus.ACTIVE.name(), now, false, now, now, null, null, null));
        roleGrants.grant(tenant, id, Role.MEMBER, invitation.invitedBy(), null);
        Role role = Role.valueOf(invitation.role());
        if (role != Role.MEMBER) {
            roleGrants.grant(tenant, id, role, invitation.invitedBy(), null);
        }
        audit.record(AuditAction.INVITATION_ACCEPTED, id, id, ip, Map.of("role", role.name()));
        return person;
    }

    /**
     * A man the organisation's own provider vouches for (his address verified there, at one of its domains) signs in
     * for the first time: his account is made with his address confirmed and no password, active, or waiting for an
     * admin where the organisation approves its members.
     */
    PersonRow joinThroughProvider(Tenant tenant, String email, String firstName, String lastName, String ip) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        PersonStatus status = people.settings().registrationMode() == OrganisationSettings.RegistrationMode.OPEN
                ? PersonStatus.ACTIVE : PersonStatus.PENDING_APPROVAL;
        PersonRow person = insert(new PersonRow(id, Accounts.normaliseEmail(email), firstName, lastName, null, null,
                status.name(), now, false, now, now, null, null, null));
        roleGrants.grant(tenant, id, Role.MEMBER, null, null);
        admissions.personChanged(tenant, id);
        audit.record(AuditAction.ACCOUNT_REGISTERED, id, id, ip, Map.of("through", "sso", "status", status.name()));
        return person;
    }

    /** A man an import created accepts his invitation: his password is set, his address proven; his roles and circle stay. */
    private PersonRow completeImported(Tenant tenant, PersonRow person, String password, String firstName, String lastName, String ip) {
        UUID id = person.id();
        credentials.setPassword(tenant.id().value(), id, hasher.hash(password));
        Instant now = clock.instant();
        persons.updateProfile(id, firstName.strip(), lastName.strip(), person.timeZone(), person.language(), now);
        persons.reverifyEmail(id, now);
        admissions.personChanged(tenant, id);
        audit.record(AuditAction.INVITATION_ACCEPTED, id, id, ip, Map.of("role", Role.MEMBER.name(), "imported", true));
        return persons.findById(id).orElseThrow();
    }

    private PersonRow insert(PersonRow row) {
        try {
            return persons.save(row);
        } catch (DataAccessException e) {
            if (SqlFailures.isUniqueViolation(e) && persons.findByEmail(row.email()).isPresent()) {
                throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.EMAIL_TAKEN, "An account with this email address exists");
            }
            throw e;
        }
    }
}
