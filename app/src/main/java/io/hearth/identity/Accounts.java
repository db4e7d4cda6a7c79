package io.hearth.identity;

import io.hearth.ErrorCode;
import io.hearth.identity.internal.GrantRepository;
import io.hearth.identity.internal.GrantRow;
import io.hearth.identity.internal.InvitationRow;
import io.hearth.identity.internal.PersonRepository;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Members as admins run them: approval, deactivation and reactivation, roles, invitations (signing up is
 * {@link SignUp}, passwords {@link Passwords}, granting {@link RoleGrants}).
 */
@TenantBound
@Singleton
public class Accounts {

    private final PersonRepository persons;
    private final GrantRepository grants;
    private final RoleGrants roleGrants;
    private final Invitations invitations;
    private final Sessions sessions;
    private final Audit audit;
    private final Admissions admissions;
    private final Outbox outbox;
    private final Clock clock;

    public Accounts(PersonRepository persons, GrantRepository grants, RoleGrants roleGrants, Invitations invitations, Sessions sessions,
                    Audit audit, Admissions admissions, Outbox outbox, Clock clock) {
        this.admissions = admissions;
        this.outbox = outbox;
        this.persons = persons;
        this.grants = grants;
        this.roleGrants = roleGrants;
        this.invitations = invitations;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    public PersonRow approve(Caller caller, UUID id) {
        PersonRow person = existing(caller, id);
        if (!PersonStatus.PENDING_APPROVAL.name().equals(person.status())) {
            throw Refusal.conflict("Only an account waiting for approval can be approved; this one is " + person.status());
        }
        persons.updateStatus(id, PersonStatus.ACTIVE.name(), clock.instant());
        admissions.personChanged(caller.tenant(), id);
        audit.byCaller(caller, AuditAction.MEMBER_APPROVED, id, Map.of());
        return existing(caller, id);
    }

    public PersonRow deactivate(Caller caller, UUID id) {
        PersonRow person = existing(caller, id);
        if (PersonStatus.DEACTIVATED.name().equals(person.status())) {
            return person;
        }
        roleGrants.keepAnAdmin(id);
        persons.updateStatus(id, PersonStatus.DEACTIVATED.name(), clock.instant());
        admissions.personChanged(caller.tenant(), id);
        sessions.endAll(caller.tenant(), id, null);
        audit.byCaller(caller, AuditAction.MEMBER_DEACTIVATED, id, Map.of("previousStatus", person.status()));
        return existing(caller, id);
    }

    public PersonRow reactivate(Caller caller, UUID id) {
        PersonRow person = existing(caller, id);
        if (PersonStatus.ACTIVE.name().equals(person.status())) {
            return person;
        }
        if (!PersonStatus.DEACTIVATED.name().equals(person.status())) {
            throw Refusal.conflict("Only a deactivated account can be reactivated; this one is " + person.status());
        }
        persons.updateStatus(id, PersonStatus.ACTIVE.name(), clock.instant());
        admissions.personChanged(caller.tenant(), id);
        audit.byCaller(caller, AuditAction.MEMBER_REACTIVATED, id, Map.of());
        return existing(caller, id);
    }

    /** Grants a role, until the given time if any; granting a held role again sets its new end. He is told ({@link IdentityEvent}). */
    @Transactional
    public GrantRow grantRole(Caller caller, UUID id, Role role, @Nullable Instant validUntil) {
        existing(caller, id);
        if (validUntil != null && !validUntil.isAfter(clock.instant())) {
            throw Refusal.invalid("validUntil", "must be in the future");
        }
        GrantRow row = roleGrants.grant(caller.tenant(), id, role, caller.person(), validUntil);
        audit.byCaller(caller, AuditAction.ROLE_GRANTED, id, validUntil == null ? Map.of("role", role.name())
                : Map.of("role", role.name(), "validUntil", validUntil.toString()));
        outbox.publish(new IdentityEvent.RoleGranted(caller.tenant().id(), id, role, validUntil, caller.person()));
        return row;
    }

    /** Takes a role away now; he is told ({@link IdentityEvent}). */
    @Transactional
    public void revokeRole(Caller caller, UUID id, Role role) {
        existing(caller, id);
        if (grants.findOpen(id, role.name()).isEmpty()) {
            throw Refusal.notFound("This person does not hold the role " + role.name());
        }
        if (role == Role.ADMIN) {
            roleGrants.keepAnAdmin(id);
        }
        grants.revoke(id, role.name(), clock.instant(), caller.person());
        admissions.personChanged(caller.tenant(), id);
        audit.byCaller(caller, AuditAction.ROLE_REVOKED, id, Map.of("role", role.name()));
        outbox.publish(new IdentityEvent.RoleRevoked(caller.tenant().id(), id, role, caller.person()));
    }

    public InvitationRow invite(Caller caller, String email, Role role) {
        String address = normaliseEmail(email);
        if (persons.findByEmail(address).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.EMAIL_TAKEN, "This address already has an account: grant the role instead");
        }
        InvitationRow invitation = invitations.invite(caller.tenant(), address, role, caller.person());
        audit.byCaller(caller, AuditAction.INVITATION_SENT, null, Map.of("email", address, "role", role.name()));
        return invitation;
    }

    public PersonRow existing(Caller caller, UUID id) {
        return persons.findById(id).filter(person -> !PersonStatus.ERASED.name().equals(person.status()))
                .orElseThrow(() -> Refusal.notFound("No member with this id"));
    }

    static String phoneAad(Tenant tenant, UUID person) {
        return "phone:" + tenant.id().value() + ":" + person;
    }

    static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

}
