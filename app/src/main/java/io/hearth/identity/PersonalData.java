package io.hearth.identity;

import io.hearth.crypto.FieldCipher;
import io.hearth.identity.internal.AuditRepository;
import io.hearth.identity.internal.AuditRow;
import io.hearth.identity.internal.CredentialStore;
import io.hearth.identity.internal.GrantRepository;
import io.hearth.identity.internal.PersonRepository;
import io.hearth.identity.internal.PersonRow;
import io.hearth.json.RawJson;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A person's right to see and to erase what the organisation holds about him. Erasure anonymises the profile
 * (the row stays, so records that must be kept, such as payments and the audit log, still point at someone) and
 * deletes every credential.
 */
@TenantBound
@Singleton
public class PersonalData {

    private final PersonRepository persons;
    private final GrantRepository grants;
    private final AuditRepository auditLog;
    private final CredentialStore credentials;
    private final io.hearth.identity.internal.SsoLinkRepository ssoLinks;
    private final FieldCipher cipher;
    private final RoleGrants roleGrants;
    private final Sessions sessions;
    private final Audit audit;
    private final Admissions admissions;
    private final ApplicationEventPublisher<PersonErased> erased;
    private final ConsentHistory consents;
    private final List<PersonalDataPart> parts;
    private final Clock clock;
    private final io.hearth.identity.internal.EmailChangeRepository emailChanges;

    public PersonalData(PersonRepository persons, GrantRepository grants, AuditRepository auditLog, CredentialStore credentials,
                        io.hearth.identity.internal.SsoLinkRepository ssoLinks,
                        FieldCipher cipher, RoleGrants roleGrants, Sessions sessions, Audit audit, Admissions admissions,
                        ApplicationEventPublisher<PersonErased> erased, ConsentHistory consents, Clock clock,
                        io.hearth.identity.internal.EmailChangeRepository emailChanges, List<PersonalDataPart> parts) {
        this.parts = parts;
        this.emailChanges = emailChanges;
        this.erased = erased;
        this.consents = consents;
        this.admissions = admissions;
        this.persons = persons;
        this.grants = grants;
        this.auditLog = auditLog;
        this.credentials = credentials;
        this.ssoLinks = ssoLinks;
        this.cipher = cipher;
        this.roleGrants = roleGrants;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    @Schema(name = "PersonalDataExport")
    @Serdeable
    public record Export(Instant exportedAt, String organisation, Profile profile, List<GrantEntry> roleGrants,
                         List<CredentialStore.SessionInfo> activeSessions, boolean twoFactorEnabled, List<String> linkedSignIns,
                         List<AuditEntry> auditLog, List<ConsentHistory.Consent> consents,
                         @Schema(description = "What other features hold of him, by feature (notifications: his settings, mutes and devices)")
                         Map<String, Object> more) {
    }

    @Schema(name = "PersonalProfile")
    @Serdeable
    public record Profile(UUID id, String email, String firstName, String lastName, String phone, Instant phoneVerifiedAt,
                          String status, Instant emailVerifiedAt, Instant createdAt, Instant updatedAt,
                          @io.micronaut.core.annotation.Nullable String timeZone) {
    }

    @Schema(name = "GrantEntry")
    @Serdeable
    public record GrantEntry(String role, Instant grantedAt, UUID grantedBy, Instant validUntil, Instant revokedAt, UUID revokedBy) {
    }

    @Schema(name = "AuditEntry")
    @Serdeable
    public record AuditEntry(long id, Instant occurredAt, UUID actorId, String action, UUID targetId, String ip, RawJson details) {
        public static AuditEntry of(AuditRow row) {
            return new AuditEntry(row.id(), row.occurredAt(), row.actorId(), row.action(), row.targetId(), row.ip(), new RawJson(row.details()));
        }
    }

    public Export export(Caller caller) {
        Tenant tenant = caller.tenant();
        PersonRow person = persons.findById(caller.person()).orElseThrow();
        String phone = person.sealedPhone() == null ? null : cipher.open(person.sealedPhone(), Accounts.phoneAad(tenant, person.id()));
        List<GrantEntry> history = grants.findHistory(person.id()).stream()
                .map(g -> new GrantEntry(g.role(), g.grantedAt(), g.grantedBy(), g.validUntil(), g.revokedAt(), g.revokedBy())).toList();
        Export export = new Export(clock.instant(), tenant.name(),
                new Profile(person.id(), person.email(), person.firstName(), person.lastName(), phone, person.phoneVerifiedAt(),
                        person.status(), person.emailVerifiedAt(), person.createdAt(), person.updatedAt(), person.timeZone()),
                history, credentials.sessions(tenant.id().value(), person.id()), person.mfaEnabled(),
                credentials.linkedProviders(tenant.id().value(), person.id()),
                auditLog.findConcerning(person.id()).stream().map(AuditEntry::of).toList(), consents.of(tenant, person.id()), more(tenant, person.id()));
        audit.byCaller(caller, AuditAction.DATA_EXPORTED, person.id(), Map.of());
        return export;
    }

    private Map<String, Object> more(Tenant tenant, UUID person) {
        Map<String, Object> more = new java.util.TreeMap<>();
        parts.forEach(part -> more.put(part.name(), part.of(tenant, person)));
        return more;
    }

    /** Erases the caller: anonymised profile, no roles, no credentials, no sessions. */
    public void erase(Caller caller) {
        Tenant tenant = caller.tenant();
        UUID id = caller.person();
        roleGrants.keepAnAdmin(id);
        Instant now = clock.instant();
        PersonRow person = persons.findById(id).orElseThrow();
        persons.update(new PersonRow(id, "erased-" + id + "@erased.invalid", "Erased", "Member", null, null,
                PersonStatus.ERASED.name(), null, false, person.createdAt(), now, now, null, null));
        grants.revokeAll(id, now, id);
        emailChanges.delete(id);
        admissions.personChanged(caller.tenant(), id);
        audit.byCaller(caller, AuditAction.PERSON_ERASED, id, Map.of());
        credentials.eraseAll(tenant.id().value(), id);
        ssoLinks.deleteById(id);
        sessions.endAll(caller.tenant(), id, null);
        erased.publishEvent(new PersonErased(tenant, id));
    }
}
