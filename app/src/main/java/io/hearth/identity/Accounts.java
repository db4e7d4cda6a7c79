package io.hearth.identity;

import io.hearth.ErrorCode;
import io.hearth.crypto.FieldCipher;
import io.hearth.crypto.SecretTokens;
import io.hearth.identity.internal.CredentialStore;
import io.hearth.identity.internal.GrantRepository;
import io.hearth.identity.internal.GrantRow;
import io.hearth.identity.internal.InvitationRow;
import io.hearth.identity.internal.PersonRepository;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.kit.crypto.PasswordHasher;
import io.hearth.messaging.Mailer;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantScope;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Accounts over their life: registration, verification, invitations, passwords, approval, roles, erasure. */
@Singleton
public class Accounts {

    static final String VERIFY_EMAIL = "VERIFY_EMAIL";
    static final String RESET_PASSWORD = "RESET_PASSWORD";

    private final PersonRepository persons;
    private final GrantRepository grants;
    private final People people;
    private final CredentialStore credentials;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Invitations invitations;
    private final Sessions sessions;
    private final SignInGuard guard;
    private final FieldCipher cipher;
    private final Mailer mailer;
    private final Audit audit;
    private final String urlTemplate;
    private final Duration verificationValidFor;
    private final Duration resetValidFor;
    private final Clock clock;

    public Accounts(PersonRepository persons, GrantRepository grants, People people, CredentialStore credentials, PasswordHasher hasher,
                    PasswordPolicy policy, Invitations invitations, Sessions sessions, SignInGuard guard, FieldCipher cipher,
                    Mailer mailer, Audit audit,
                    @Property(name = "hearth.public-url-template") String urlTemplate,
                    @Property(name = "hearth.identity.email-verification-valid-for") Duration verificationValidFor,
                    @Property(name = "hearth.identity.password-reset-valid-for") Duration resetValidFor, Clock clock) {
        this.persons = persons;
        this.grants = grants;
        this.people = people;
        this.credentials = credentials;
        this.hasher = hasher;
        this.policy = policy;
        this.invitations = invitations;
        this.sessions = sessions;
        this.guard = guard;
        this.cipher = cipher;
        this.mailer = mailer;
        this.audit = audit;
        this.urlTemplate = urlTemplate;
        this.verificationValidFor = verificationValidFor;
        this.resetValidFor = resetValidFor;
        this.clock = clock;
    }

    /** Self-registration: the account waits for its address to be verified (and, if the organisation says so, approved). */
    public PersonRow register(String email, String password, String firstName, String lastName, @Nullable String phone, String ip) {
        policy.check("password", password);
        Tenant tenant = TenantScope.require();
        String address = normaliseEmail(email);
        if (persons.findByEmail(address).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.EMAIL_TAKEN, "An account with this email address exists: sign in or reset the password");
        }
        UUID id = UUID.randomUUID();
        // Credentials first: a password row without a person is inert, a person without a password is stuck.
        credentials.setPassword(tenant.id().value(), id, hasher.hash(password));
        Instant now = clock.instant();
        PersonRow person = insert(new PersonRow(id, address, firstName.strip(), lastName.strip(),
                phone == null ? null : cipher.seal(phone, phoneAad(tenant, id)), null, PersonStatus.PENDING_VERIFICATION.name(), null,
                false, now, now, null));
        grant(id, Role.MEMBER, null, null);
        audit.record(AuditAction.ACCOUNT_REGISTERED, id, id, ip, Map.of());
        String token = SecretTokens.newToken();
        credentials.addOneTimeToken(tenant.id().value(), id, VERIFY_EMAIL, SecretTokens.hash(token), now.plus(verificationValidFor));
        mailer.send(address, "Confirm your email address for " + tenant.name(),
                "Hello " + person.firstName() + ",\n\nConfirm your email address to finish joining " + tenant.name() + " on Hearth:\n"
                        + link(tenant, "/verify-email/" + token) + "\n\nThe link works once and expires on " + now.plus(verificationValidFor) + ".\n");
        return person;
    }

    /** Confirms the address; the account becomes active, or waits for approval where the organisation wants it. */
    public PersonRow verifyEmail(String token, String ip) {
        Tenant tenant = TenantScope.require();
        UUID id = credentials.consumeOneTimeToken(tenant.id().value(), VERIFY_EMAIL, SecretTokens.hash(token))
                .orElseThrow(() -> new Refusal(Refusal.Kind.GONE, ErrorCode.TOKEN_INVALID, "This link is invalid, used or expired"));
        PersonRow person = persons.findById(id).orElseThrow(() -> new Refusal(Refusal.Kind.GONE, ErrorCode.TOKEN_INVALID, "The account is gone"));
        if (PersonStatus.PENDING_VERIFICATION.name().equals(person.status())) {
            PersonStatus next = people.settings().registrationMode() == OrganisationSettings.RegistrationMode.OPEN
                    ? PersonStatus.ACTIVE : PersonStatus.PENDING_APPROVAL;
            persons.markEmailVerified(id, next.name(), clock.instant());
            audit.record(AuditAction.EMAIL_VERIFIED, id, id, ip, Map.of("status", next.name()));
        }
        return persons.findById(id).orElseThrow();
    }

    /** Joins through an invitation: the address is proven by the link, so the account is active at once. */
    public PersonRow acceptInvitation(String token, String password, String firstName, String lastName, String ip) {
        policy.check("password", password);
        Tenant tenant = TenantScope.require();
        InvitationRow invitation = invitations.accept(token);
        if (persons.findByEmail(invitation.email()).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.EMAIL_TAKEN, "An account with this email address exists: sign in instead");
        }
        UUID id = UUID.randomUUID();
        credentials.setPassword(tenant.id().value(), id, hasher.hash(password));
        Instant now = clock.instant();
        PersonRow person = insert(new PersonRow(id, normaliseEmail(invitation.email()), firstName.strip(), lastName.strip(), null, null,
                PersonStatus.ACTIVE.name(), now, false, now, now, null));
        grant(id, Role.MEMBER, invitation.invitedBy(), null);
        Role role = Role.valueOf(invitation.role());
        if (role != Role.MEMBER) {
            grant(id, role, invitation.invitedBy(), null);
        }
        audit.record(AuditAction.INVITATION_ACCEPTED, id, id, ip, Map.of("role", role.name()));
        return person;
    }

    /** Mails a reset link if the address has an account; says nothing either way. */
    public void requestPasswordReset(String email) {
        Tenant tenant = TenantScope.require();
        persons.findByEmail(normaliseEmail(email))
                .filter(person -> !PersonStatus.ERASED.name().equals(person.status()) && !PersonStatus.DEACTIVATED.name().equals(person.status()))
                .ifPresent(person -> {
                    String token = SecretTokens.newToken();
                    Instant expires = clock.instant().plus(resetValidFor);
                    credentials.addOneTimeToken(tenant.id().value(), person.id(), RESET_PASSWORD, SecretTokens.hash(token), expires);
                    mailer.send(person.email(), "Reset your password for " + tenant.name(),
                            "Hello " + person.firstName() + ",\n\nChoose a new password here:\n" + link(tenant, "/reset-password/" + token)
                                    + "\n\nThe link works once and expires on " + expires + ". If you did not ask for this, ignore this message.\n");
                });
    }

    /** Sets a new password from a reset link; every session of the person ends. */
    public void resetPassword(String token, String password, String ip) {
        policy.check("password", password);
        Tenant tenant = TenantScope.require();
        UUID id = credentials.consumeOneTimeToken(tenant.id().value(), RESET_PASSWORD, SecretTokens.hash(token))
                .orElseThrow(() -> new Refusal(Refusal.Kind.GONE, ErrorCode.TOKEN_INVALID, "This link is invalid, used or expired"));
        PersonRow person = persons.findById(id).orElseThrow(() -> new Refusal(Refusal.Kind.GONE, ErrorCode.TOKEN_INVALID, "The account is gone"));
        credentials.setPassword(tenant.id().value(), id, hasher.hash(password));
        sessions.endAll(id, null);
        guard.clear(tenant, person.email());
        audit.record(AuditAction.PASSWORD_RESET, id, id, ip, Map.of());
    }

    /** Changes the caller's password; his other sessions end, this one goes on. */
    public void changePassword(Caller caller, String currentPassword, String newPassword) {
        Tenant tenant = TenantScope.require();
        String hash = credentials.passwordHash(tenant.id().value(), caller.person()).orElse(null);
        if (hash == null || !hasher.matches(currentPassword, hash)) {
            throw new Refusal(Refusal.Kind.INVALID, ErrorCode.INVALID_CREDENTIALS, "The current password is wrong");
        }
        policy.check("newPassword", newPassword);
        credentials.setPassword(tenant.id().value(), caller.person(), hasher.hash(newPassword));
        sessions.endAll(caller.person(), caller.session());
        audit.byCaller(AuditAction.PASSWORD_CHANGED, caller.person(), Map.of());
    }

    public PersonRow approve(UUID id) {
        PersonRow person = existing(id);
        if (!PersonStatus.PENDING_APPROVAL.name().equals(person.status())) {
            throw Refusal.conflict("Only an account waiting for approval can be approved; this one is " + person.status());
        }
        persons.updateStatus(id, PersonStatus.ACTIVE.name(), clock.instant());
        audit.byCaller(AuditAction.MEMBER_APPROVED, id, Map.of());
        return existing(id);
    }

    public PersonRow deactivate(UUID id) {
        PersonRow person = existing(id);
        if (PersonStatus.DEACTIVATED.name().equals(person.status())) {
            return person;
        }
        keepAnAdmin(id);
        persons.updateStatus(id, PersonStatus.DEACTIVATED.name(), clock.instant());
        sessions.endAll(id, null);
        audit.byCaller(AuditAction.MEMBER_DEACTIVATED, id, Map.of("previousStatus", person.status()));
        return existing(id);
    }

    public PersonRow reactivate(UUID id) {
        PersonRow person = existing(id);
        if (PersonStatus.ACTIVE.name().equals(person.status())) {
            return person;
        }
        if (!PersonStatus.DEACTIVATED.name().equals(person.status())) {
            throw Refusal.conflict("Only a deactivated account can be reactivated; this one is " + person.status());
        }
        persons.updateStatus(id, PersonStatus.ACTIVE.name(), clock.instant());
        audit.byCaller(AuditAction.MEMBER_REACTIVATED, id, Map.of());
        return existing(id);
    }

    /** Grants a role, until the given time if any; granting a held role again sets its new end. */
    public GrantRow grantRole(UUID id, Role role, @Nullable Instant validUntil) {
        existing(id);
        if (validUntil != null && !validUntil.isAfter(clock.instant())) {
            throw Refusal.invalid("validUntil", "must be in the future");
        }
        GrantRow row = grant(id, role, Caller.require().person(), validUntil);
        audit.byCaller(AuditAction.ROLE_GRANTED, id, validUntil == null ? Map.of("role", role.name())
                : Map.of("role", role.name(), "validUntil", validUntil.toString()));
        return row;
    }

    public void revokeRole(UUID id, Role role) {
        existing(id);
        if (grants.findOpen(id, role.name()).isEmpty()) {
            throw Refusal.notFound("This person does not hold the role " + role.name());
        }
        if (role == Role.ADMIN) {
            keepAnAdmin(id);
        }
        grants.revoke(id, role.name(), clock.instant(), Caller.require().person());
        audit.byCaller(AuditAction.ROLE_REVOKED, id, Map.of("role", role.name()));
    }

    public InvitationRow invite(String email, Role role) {
        String address = normaliseEmail(email);
        if (persons.findByEmail(address).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.EMAIL_TAKEN, "This address already has an account: grant the role instead");
        }
        InvitationRow invitation = invitations.invite(address, role, Caller.require().person());
        audit.byCaller(AuditAction.INVITATION_SENT, null, Map.of("email", address, "role", role.name()));
        return invitation;
    }

    /** Refuses to take away the last active admin: someone must be able to run the organisation. */
    void keepAnAdmin(UUID leaving) {
        if (people.liveRoles(leaving).contains(Role.ADMIN) && grants.countActiveHolders(Role.ADMIN.name()) <= 1) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.LAST_ADMIN, "This is the organisation's last admin: make someone else admin first");
        }
    }

    private GrantRow grant(UUID person, Role role, @Nullable UUID by, @Nullable Instant validUntil) {
        Instant now = clock.instant();
        return grants.findOpen(person, role.name())
                .map(open -> {
                    grants.renew(open.id(), validUntil, by, now);
                    return new GrantRow(open.id(), person, role.name(), by, now, validUntil, null, null);
                })
                .orElseGet(() -> grants.save(new GrantRow(UUID.randomUUID(), person, role.name(), by, now, validUntil, null, null)));
    }

    public PersonRow existing(UUID id) {
        return persons.findById(id).filter(person -> !PersonStatus.ERASED.name().equals(person.status()))
                .orElseThrow(() -> Refusal.notFound("No member with this id"));
    }

    private PersonRow insert(PersonRow row) {
        try {
            return persons.save(row);
        } catch (DataAccessException e) {
            if (io.hearth.tenancy.TenantSql.isUniqueViolation(e) && persons.findByEmail(row.email()).isPresent()) {
                throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.EMAIL_TAKEN, "An account with this email address exists");
            }
            throw e;
        }
    }

    static String phoneAad(Tenant tenant, UUID person) {
        return "phone:" + tenant.id().value() + ":" + person;
    }

    static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private String link(Tenant tenant, String path) {
        return urlTemplate.replace("{slug}", tenant.slug()) + path;
    }
}
