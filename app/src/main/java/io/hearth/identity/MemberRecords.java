package io.hearth.identity;

import io.hearth.crypto.FieldCipher;
import io.hearth.identity.internal.CredentialStore;
import io.hearth.identity.internal.GrantRepository;
import io.hearth.identity.internal.GrantRow;
import io.hearth.identity.internal.InvitationRepository;
import io.hearth.identity.internal.PersonRepository;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.kit.SqlFailures;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * People as a members file sees them, for the import and the export: read in bulk, created without a password (the
 * invitation gives him one), changed and changed back. A man an import created is removed again only while he has
 * never signed in.
 */
@TenantBound
@Singleton
public class MemberRecords {

    private final PersonRepository persons;
    private final GrantRepository grants;
    private final InvitationRepository invitationRows;
    private final RoleGrants roleGrants;
    private final Invitations invitations;
    private final CredentialStore credentials;
    private final FieldCipher cipher;
    private final Admissions admissions;
    private final Audit audit;
    private final ApplicationEventPublisher<PersonErased> erased;
    private final Clock clock;

    public MemberRecords(PersonRepository persons, GrantRepository grants, InvitationRepository invitationRows, RoleGrants roleGrants,
                         Invitations invitations, CredentialStore credentials, FieldCipher cipher, Admissions admissions, Audit audit,
                         ApplicationEventPublisher<PersonErased> erased, Clock clock) {
        this.persons = persons;
        this.grants = grants;
        this.invitationRows = invitationRows;
        this.roleGrants = roleGrants;
        this.invitations = invitations;
        this.credentials = credentials;
        this.cipher = cipher;
        this.admissions = admissions;
        this.audit = audit;
        this.erased = erased;
        this.clock = clock;
    }

    /** A man as the file has him: the phone opened (as he wrote it), his live roles. */
    public record Record(UUID id, String email, String firstName, String lastName, @Nullable String phone, PersonStatus status, Set<Role> roles) {
    }

    /** What an import changed of a man, to put back on undo; the phone as stored (sealed). */
    public record Previous(String firstName, String lastName, @Nullable String sealedPhone, @Nullable Instant phoneVerifiedAt) {
    }

    /** The men with these addresses (lower case), by address: two queries however many. */
    public Map<String, Record> withEmails(Tenant tenant, Collection<String> emails) {
        if (emails.isEmpty()) {
            return Map.of();
        }
        List<PersonRow> rows = persons.findByEmails(String.join("\n", emails));
        Map<UUID, Set<Role>> roles = rolesOf(rows.stream().map(PersonRow::id).toList());
        Map<String, Record> found = new HashMap<>();
        rows.forEach(row -> found.put(Accounts.normaliseEmail(row.email()), record(tenant, row, roles)));
        return found;
    }

    /** Every phone of the organisation's men, opened: number as stored -> whose. One query; each number is opened here. */
    public Map<String, UUID> phones(Tenant tenant) {
        Map<String, UUID> phones = new HashMap<>();
        for (PersonRow row : persons.withPhone()) {
            phones.put(cipher.open(row.sealedPhone(), Accounts.phoneAad(tenant, row.id())), row.id());
        }
        return phones;
    }

    /** Everyone but the erased, by name, with roles and phones: the export. */
    public List<Record> everyone(Tenant tenant) {
        List<PersonRow> rows = persons.everyone();
        Map<UUID, Set<Role>> roles = rolesOf(rows.stream().map(PersonRow::id).toList());
        return rows.stream().map(row -> record(tenant, row, roles)).toList();
    }

    /**
     * Creates a man from an import: active (so he can be placed in a circle and reached), his address not yet proven and
     * no password until he accepts his invitation. 409 EMAIL_TAKEN when someone has the address by now.
     */
    @Transactional
    public UUID create(Caller caller, String email, String firstName, String lastName, @Nullable String phone, Set<Role> roles, UUID importId) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        try {
            persons.save(new PersonRow(id, Accounts.normaliseEmail(email), firstName.strip(), lastName.strip(),
                    phone == null ? null : cipher.seal(phone, Accounts.phoneAad(caller.tenant(), id)), null, PersonStatus.ACTIVE.name(), null,
                    false, now, now, null, null, null));
        } catch (DataAccessException e) {
            if (SqlFailures.isUniqueViolation(e)) {
                throw new Refusal(Refusal.Kind.CONFLICT, io.hearth.ErrorCode.EMAIL_TAKEN, "Someone has this email address by now");
            }
            throw e;
        }
        Set<Role> all = EnumSet.of(Role.MEMBER);
        all.addAll(roles);
        all.forEach(role -> roleGrants.grant(caller.tenant(), id, role, caller.person(), null));
        audit.byCaller(caller, AuditAction.MEMBER_IMPORTED, id, Map.of("import", importId.toString(),
                "roles", all.stream().map(Role::name).sorted().toList()));
        return id;
    }

    /** Sets his names and phone (null: keep); returns what they were. A new phone is not verified. */
    @Transactional
    public Previous update(Caller caller, UUID id, @Nullable String firstName, @Nullable String lastName, @Nullable String phone) {
        PersonRow row = persons.findById(id).filter(p -> !PersonStatus.ERASED.name().equals(p.status()))
                .orElseThrow(() -> Refusal.notFound("No member with this id"));
        Previous previous = new Previous(row.firstName(), row.lastName(), row.sealedPhone(), row.phoneVerifiedAt());
        boolean newPhone = phone != null;
        persons.updateRecord(id, firstName == null ? row.firstName() : firstName.strip(), lastName == null ? row.lastName() : lastName.strip(),
                newPhone ? cipher.seal(phone, Accounts.phoneAad(caller.tenant(), id)) : row.sealedPhone(),
                newPhone ? null : row.phoneVerifiedAt(), clock.instant());
        audit.byCaller(caller, AuditAction.PROFILE_CHANGED, id, Map.of("by", "import"));
        return previous;
    }

    /** Puts back what {@link #update} changed. */
    @Transactional
    public void restore(Caller caller, UUID id, Previous previous) {
        persons.updateRecord(id, previous.firstName(), previous.lastName(), previous.sealedPhone(), previous.phoneVerifiedAt(), clock.instant());
        audit.byCaller(caller, AuditAction.PROFILE_CHANGED, id, Map.of("by", "import-undo"));
    }

    /** Whether he has ever signed in or proven his address: then an undone import keeps him. */
    public boolean hasSignedIn(Tenant tenant, UUID id) {
        PersonRow row = persons.findById(id).orElse(null);
        if (row == null || PersonStatus.ERASED.name().equals(row.status())) {
            return false;
        }
        return row.emailVerifiedAt() != null || credentials.passwordHash(tenant.id().value(), id).isPresent()
                || !credentials.linkedProviders(tenant.id().value(), id).isEmpty() || !credentials.sessions(tenant.id().value(), id).isEmpty();
    }

    /**
     * Removes a man an import created, who never signed in: his invitation is taken back, his roles end, and his record
     * is anonymised as an erasure does (other features' rows may point at him), which frees his address.
     */
    @Transactional
    public void removeImported(Caller caller, UUID id) {
        PersonRow person = persons.findById(id).orElseThrow(() -> Refusal.notFound("No member with this id"));
        if (PersonStatus.ERASED.name().equals(person.status())) {
            return;
        }
        Instant now = clock.instant();
        invitationRows.deleteOpenFor(id);
        grants.revokeAll(id, now, caller.person());
        persons.update(new PersonRow(id, "erased-" + id + "@erased.invalid", "Erased", "Member", null, null,
                PersonStatus.ERASED.name(), null, false, person.createdAt(), now, now, null, null));
        admissions.personChanged(caller.tenant(), id);
        audit.byCaller(caller, AuditAction.MEMBER_IMPORT_UNDONE, id, Map.of());
        erased.publishEvent(new PersonErased(caller.tenant(), id));
    }

    /**
     * Who asks, for work done later on his behalf (an import he committed runs in the background): his roles as they are
     * now; empty when he is no longer active.
     */
    public java.util.Optional<Caller> actingFor(Tenant tenant, UUID person, @Nullable String ip) {
        return persons.findById(person).filter(row -> PersonStatus.ACTIVE.name().equals(row.status())).map(row -> {
            Set<Role> roles = rolesOf(List.of(person)).get(person);
            return new Caller(tenant, person, new UUID(0, 0), roles, Role.permissionsOf(roles), ip == null ? "" : ip);
        });
    }

    /** Mails him his invitation (an import created him). */
    public void invite(Tenant tenant, UUID person, String email, UUID invitedBy) {
        invitations.inviteExisting(tenant, person, email, invitedBy);
    }

    private Map<UUID, Set<Role>> rolesOf(List<UUID> people) {
        Map<UUID, Set<Role>> roles = new HashMap<>();
        people.forEach(person -> roles.put(person, EnumSet.noneOf(Role.class)));
        if (!people.isEmpty()) {
            for (GrantRow grant : grants.findLiveAmong(people.stream().map(UUID::toString).collect(Collectors.joining(",")))) {
                roles.get(grant.personId()).add(Role.valueOf(grant.role()));
            }
        }
        return roles;
    }

    private Record record(Tenant tenant, PersonRow row, Map<UUID, Set<Role>> roles) {
        String phone = row.sealedPhone() == null ? null : cipher.open(row.sealedPhone(), Accounts.phoneAad(tenant, row.id()));
        return new Record(row.id(), row.email(), row.firstName(), row.lastName(), phone, PersonStatus.valueOf(row.status()),
                roles.getOrDefault(row.id(), EnumSet.noneOf(Role.class)));
    }
}
