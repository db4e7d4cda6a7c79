package io.hearth.imports;

import io.hearth.ErrorCode;
import io.hearth.circles.LeaveReason;
import io.hearth.circles.Memberships;
import io.hearth.crypto.FieldCipher;
import io.hearth.identity.Accounts;
import io.hearth.identity.Caller;
import io.hearth.identity.MemberRecords;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.identity.Role;
import io.hearth.imports.internal.ImportLineRepository;
import io.hearth.imports.internal.ImportLineRow;
import io.hearth.imports.internal.ImportRepository;
import io.hearth.imports.internal.ImportRow;
import io.hearth.kit.Refusal;
import io.hearth.notifications.Channel;
import io.hearth.notifications.ConsentSource;
import io.hearth.notifications.Consents;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The steps of an import, each its own transaction: storing the plan, starting to apply or undo, applying or undoing
 * one row (a row that is refused fails alone, the others go on), sending the invitations a sweep may send.
 */
@TenantBound
@Singleton
public class ImportWork {

    private final ImportRepository imports;
    private final ImportLineRepository lines;
    private final MemberRecords records;
    private final Accounts accounts;
    private final People people;
    private final Memberships memberships;
    private final Consents consents;
    private final FieldCipher cipher;
    private final Clock clock;

    public ImportWork(ImportRepository imports, ImportLineRepository lines, MemberRecords records, Accounts accounts, People people,
                      Memberships memberships, Consents consents, FieldCipher cipher, Clock clock) {
        this.imports = imports;
        this.lines = lines;
        this.records = records;
        this.accounts = accounts;
        this.people = people;
        this.memberships = memberships;
        this.consents = consents;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The next row to apply or undo, and who acts (empty when the admin who committed is no longer one). */
    public record Todo(UUID row, boolean applying, Optional<Caller> caller) {
    }

    @Transactional
    public void store(Tenant tenant, ImportRow row, List<ImportLineRow> rows) {
        imports.save(row);
        lines.saveAll(rows);
    }

    /** Takes the plan made again at commit and starts applying it; 409 if another commit came first. */
    @Transactional
    public void begin(Caller caller, UUID id, List<ImportLineRow> replanned) {
        ImportRow row = imports.lock(id).orElseThrow(ImportWork::notFound);
        if (!ImportStatus.PLANNED.name().equals(row.status())) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.IMPORT_NOT_PLANNED, "This import was committed already");
        }
        lines.updateAll(replanned);
        imports.update(new ImportRow(id, row.createdBy(), row.createdAt(), row.fileSha256(), ImportStatus.APPLYING.name(), row.totalRows(),
                caller.person(), caller.ip(), clock.instant(), null, null));
    }

    @Transactional
    public void beginUndo(Caller caller, UUID id) {
        ImportRow row = imports.lock(id).orElseThrow(ImportWork::notFound);
        if (!ImportStatus.APPLIED.name().equals(row.status())) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.IMPORT_ALREADY_UNDONE, "This import was undone already");
        }
        imports.update(new ImportRow(id, row.createdBy(), row.createdAt(), row.fileSha256(), ImportStatus.UNDOING.name(), row.totalRows(),
                row.committedBy(), row.committedIp(), row.committedAt(), row.appliedAt(), null));
        lines.dropInvitations(id);
    }

    @Transactional
    public void discard(Tenant tenant, UUID id) {
        imports.deleteById(id);
    }

    /** The imports being applied or undone. */
    public List<UUID> working(Tenant tenant) {
        return imports.working();
    }

    /** The import's next row to apply or undo; empty when none is left (the import is then APPLIED or UNDONE) or it is not running. */
    public Optional<Todo> next(Tenant tenant, UUID id) {
        Optional<ImportRow> found = imports.findById(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ImportRow row = found.get();
        boolean applying = ImportStatus.APPLYING.name().equals(row.status());
        if (!applying && !ImportStatus.UNDOING.name().equals(row.status())) {
            return Optional.empty();
        }
        Optional<ImportLineRow> line = applying ? lines.nextToApply(id) : lines.nextToUndo(id);
        if (line.isEmpty()) {
            if (applying) {
                imports.finishApplying(id, clock.instant());
            } else {
                imports.finishUndoing(id, clock.instant());
            }
            return Optional.empty();
        }
        return Optional.of(new Todo(line.get().id(), applying, records.actingFor(tenant, row.committedBy(), row.committedIp())
                .filter(caller -> caller.can(Permission.MEMBERS_MANAGE))));
    }

    /** The row could not be applied (or undone): it says why, and the import goes on. */
    public void refused(Tenant tenant, Todo todo, Refusal refused) {
        String failure = refused.code().name() + ": " + refused.getMessage();
        if (todo.applying()) {
            lines.fail(todo.row(), failure, clock.instant());
        } else {
            lines.undone(todo.row(), "KEPT", failure, clock.instant());
        }
    }

    /** Applies one row as planned, in one transaction: any refusal leaves nothing of it. */
    @Transactional
    public void apply(Caller caller, UUID rowId) {
        ImportLineRow row = lines.findById(rowId).orElseThrow();
        if (row.appliedAt() != null) {
            return;
        }
        Tenant tenant = caller.tenant();
        ImportPlan.Values values = ImportPlan.values(line(cipher, tenant, row));
        Set<Role> roles = MemberImports.roles(row.rolesToGrant());
        Instant now = clock.instant();
        if (RowAction.CREATE.name().equals(row.action())) {
            UUID person = records.create(caller, values.email(), values.firstName(), values.lastName(), values.phone(), roles, row.importId());
            if (row.circleId() != null) {
                memberships.add(caller, row.circleId(), person);
            }
            if (values.consent() != null) {
                consents.record(tenant, person, Channel.EMAIL, null, values.consent(), ConsentSource.IMPORT);
            }
            lines.update(row.applied(person, now, null, null, null, null, null, row.circleId(), row.rolesToGrant(),
                    Boolean.FALSE.equals(values.consent()) ? "NOT_SENT" : "PENDING"));
            return;
        }
        UUID person = row.personId();
        List<String> changes = Arrays.asList(row.changes());
        MemberRecords.Previous previous = null;
        if (changes.contains("firstName") || changes.contains("lastName") || changes.contains("phone")) {
            previous = records.update(caller, person, changes.contains("firstName") ? values.firstName() : null,
                    changes.contains("lastName") ? values.lastName() : null, changes.contains("phone") ? values.phone() : null);
        }
        for (Role role : roles) {
            accounts.grantRole(caller, person, role, null);
        }
        if (row.circleId() != null) {
            memberships.add(caller, row.circleId(), person);
        }
        String previousConsent = null;
        if (changes.contains("consent") && values.consent() != null) {
            Boolean before = consents.latest(tenant, List.of(person), Channel.EMAIL).get(person);
            previousConsent = (before == null ? ConsentState.UNKNOWN : before ? ConsentState.GIVEN : ConsentState.WITHDRAWN).name();
            consents.record(tenant, person, Channel.EMAIL, null, values.consent(), ConsentSource.IMPORT);
        }
        lines.update(row.applied(person, now, previous == null ? null : previous.firstName(), previous == null ? null : previous.lastName(),
                previous == null ? null : previous.sealedPhone(), previous == null ? null : previous.phoneVerifiedAt(), previousConsent,
                row.circleId(), row.rolesToGrant(), null));
    }

    /**
     * Undoes one applied row: a man it created is removed unless he has signed in since (then KEPT); for a man it
     * updated, his names and phone are put back, the roles and circle it gave him taken back, his consent recorded as
     * before (withdrawn where nothing was recorded before: an undo claims no consent).
     */
    @Transactional
    public void undo(Caller caller, UUID rowId) {
        ImportLineRow row = lines.findById(rowId).orElseThrow();
        if (row.undoneAt() != null) {
            return;
        }
        Tenant tenant = caller.tenant();
        UUID person = row.personId();
        Instant now = clock.instant();
        if (RowAction.CREATE.name().equals(row.action())) {
            if (records.hasSignedIn(tenant, person)) {
                lines.undone(rowId, "KEPT", "He has signed in since the import: kept", now);
                return;
            }
            leaveCircle(caller, row.joinedCircleId(), person);
            records.removeImported(caller, person);
            lines.undone(rowId, "UNDONE", null, now);
            return;
        }
        if (row.previousFirstName() != null) {
            records.restore(caller, person, new MemberRecords.Previous(row.previousFirstName(), row.previousLastName(), row.previousPhone(),
                    row.previousPhoneVerifiedAt()));
        }
        Set<Role> held = people.liveRoles(caller, person);
        for (Role role : MemberImports.roles(row.grantedRoles())) {
            if (held.contains(role)) {
                accounts.revokeRole(caller, person, role);
            }
        }
        leaveCircle(caller, row.joinedCircleId(), person);
        if (row.previousConsent() != null) {
            consents.record(tenant, person, Channel.EMAIL, null, ConsentState.GIVEN.name().equals(row.previousConsent()), ConsentSource.IMPORT);
        }
        lines.undone(rowId, "UNDONE", null, now);
    }

    private void leaveCircle(Caller caller, @Nullable UUID circle, UUID person) {
        if (circle != null && memberships.isMember(circle, person)) {
            memberships.end(caller, circle, person, LeaveReason.REMOVED);
        }
    }

    /**
     * Mails the invitations due, at most {@code limit} (the throttle): for the men an import created who have not signed
     * in meanwhile, through identity's invitations (queued with the change, sent by the mail relay).
     */
    @Transactional
    public int sendInvitations(Tenant tenant, int limit) {
        List<ImportLineRow> due = lines.dueInvitations(limit);
        for (ImportLineRow row : due) {
            ImportRow owner = imports.findById(row.importId()).orElseThrow();
            if (row.personId() == null || records.hasSignedIn(tenant, row.personId()) || owner.committedBy() == null) {
                lines.invitation(row.id(), "NOT_SENT");
                continue;
            }
            records.invite(tenant, row.personId(), row.email().toLowerCase(java.util.Locale.ROOT), owner.committedBy());
            lines.invitation(row.id(), "SENT");
        }
        return due.size();
    }

    /** Forgets imports older than they are kept. */
    @Transactional
    public long purge(Tenant tenant, Instant before) {
        return imports.deleteOlderThan(before);
    }

    static Refusal notFound() {
        return Refusal.notFound("No import with this id");
    }

    static String phoneAad(Tenant tenant, UUID row) {
        return "import-phone:" + tenant.id().value() + ":" + row;
    }

    /** The row's cells as the file had them. */
    static MemberCsv.Line line(FieldCipher cipher, Tenant tenant, ImportLineRow row) {
        return new MemberCsv.Line(row.line(), row.email(), row.firstName(), row.lastName(),
                row.sealedPhone() == null ? "" : cipher.open(row.sealedPhone(), phoneAad(tenant, row.id())), row.circle(), row.roles(), row.consent());
    }
}
