package io.hearth.imports;

import io.hearth.ErrorCode;
import io.hearth.circles.Memberships;
import io.hearth.crypto.FieldCipher;
import io.hearth.identity.Audit;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.identity.MemberRecords;
import io.hearth.identity.Permission;
import io.hearth.identity.PersonStatus;
import io.hearth.identity.Role;
import io.hearth.imports.internal.CountLine;
import io.hearth.imports.internal.ImportLineRepository;
import io.hearth.imports.internal.ImportLineRow;
import io.hearth.imports.internal.ImportRepository;
import io.hearth.imports.internal.ImportRow;
import io.hearth.kit.Refusal;
import io.hearth.notifications.Channel;
import io.hearth.notifications.Consents;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Admins import members from a CSV file and export the same shape. Uploading plans every row (create, update, unchanged,
 * skipped with the reason) and keeps the plan; a dry run stops there, a commit plans again with the same planner and
 * applies the rows in the background ({@link ImportWork}), which the import's progress shows. An applied import can be
 * undone for a day.
 */
@TenantBound
@Singleton
public class MemberImports {

    private final ImportRepository imports;
    private final ImportLineRepository lines;
    private final MemberRecords records;
    private final Memberships memberships;
    private final Consents consents;
    private final FieldCipher cipher;
    private final Audit audit;
    private final ImportWork work;
    private final ImportRunner runner;
    private final ImportSettings settings;
    private final Clock clock;

    public MemberImports(ImportRepository imports, ImportLineRepository lines, MemberRecords records, Memberships memberships, Consents consents,
                         FieldCipher cipher, Audit audit, ImportWork work, ImportRunner runner, ImportSettings settings, Clock clock) {
        this.imports = imports;
        this.lines = lines;
        this.records = records;
        this.memberships = memberships;
        this.consents = consents;
        this.cipher = cipher;
        this.audit = audit;
        this.work = work;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
    }

    @Schema(name = "MemberImport")
    @Serdeable
    public record Report(UUID id, ImportStatus status, Instant createdAt, @Nullable Instant committedAt, @Nullable Instant appliedAt,
                         @Nullable Instant undoneAt,
                         @Schema(description = "Until when the import can be undone; null before it is committed") @Nullable Instant undoableUntil,
                         Counts counts, Progress progress,
                         @Schema(description = "Every row of the file in order; absent when asked without rows") @Nullable List<Row> rows) {
    }

    @Schema(name = "MemberImportCounts")
    @Serdeable
    public record Counts(int total, int create, int update, int unchanged, int skipped) {
    }

    /**
     * While applying: {@code done} of {@code total} rows to create or update, {@code failed} among them; while undoing:
     * {@code undone} of the rows applied. {@code invited} invitations sent of {@code toInvite} (the throttle sends them over time).
     */
    @Schema(name = "MemberImportProgress")
    @Serdeable
    public record Progress(int done, int total, int failed, int undone, int kept, int invited, int toInvite) {
    }

    @Schema(name = "MemberImportRow")
    @Serdeable
    public record Row(int line, String email, String firstName, String lastName, String phone, String circle, String roles, String consent,
                      RowAction action, @Nullable SkipReason reason, @Nullable String detail, List<String> changes, @Nullable UUID personId,
                      @Schema(description = "The circle he joins; null when none or he is in it already") @Nullable UUID circleId,
                      ConsentState consentState,
                      @Schema(description = "APPLIED, FAILED, UNDONE or KEPT (an undo kept him: he has signed in)") @Nullable String outcome,
                      @Nullable String failure,
                      @Schema(description = "PENDING, SENT or NOT_SENT (he did not consent to mail) for a man created") @Nullable String invitation) {
    }

    /** Reads and plans the file; a dry run keeps the plan to commit later, otherwise the import starts at once. 422 for a file that is none. */
    public Report upload(Caller caller, byte[] file, boolean dryRun) {
        requireManager(caller);
        List<MemberCsv.Line> read = MemberCsv.read(file, settings.maxRows());
        UUID id = UUID.randomUUID();
        List<ImportPlan.Planned> plans = ImportPlan.plan(read, directory(caller.tenant(), read));
        work.store(caller.tenant(), new ImportRow(id, caller.person(), clock.instant(), sha256(file), ImportStatus.PLANNED.name(), read.size(),
                null, null, null, null, null), rows(caller.tenant(), id, read, plans));
        if (!dryRun) {
            return commit(caller, id);
        }
        return report(caller.tenant(), id, true);
    }

    /** The import with its rows (or only its counts and progress): 404 when it is not this organisation's. */
    public Report get(Caller caller, UUID id, boolean withRows) {
        requireManager(caller);
        imports.findById(id).orElseThrow(ImportWork::notFound);
        return report(caller.tenant(), id, withRows);
    }

    /**
     * Imports the valid rows of a dry run: plans them again as they stand now (so the rows the dry run showed are what is
     * applied, unless the organisation changed meanwhile), then applies them in the background. 409 IMPORT_NOT_PLANNED
     * once committed.
     */
    public Report commit(Caller caller, UUID id) {
        requireManager(caller);
        ImportRow row = imports.findById(id).orElseThrow(ImportWork::notFound);
        if (!ImportStatus.PLANNED.name().equals(row.status())) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.IMPORT_NOT_PLANNED, "This import was committed already");
        }
        List<ImportLineRow> stored = lines.findByImportIdOrderByLine(id);
        List<MemberCsv.Line> read = stored.stream().map(line -> line(caller.tenant(), line)).toList();
        List<ImportPlan.Planned> plans = ImportPlan.plan(read, directory(caller.tenant(), read));
        List<ImportLineRow> replanned = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            ImportPlan.Planned plan = plans.get(i);
            replanned.add(stored.get(i).planned(plan.action().name(), plan.reason() == null ? null : plan.reason().name(), plan.detail(),
                    plan.changes().toArray(String[]::new), plan.personId(), plan.circleId(),
                    plan.rolesToGrant().stream().map(Role::name).sorted().toArray(String[]::new), plan.consentState().name()));
        }
        work.begin(caller, id, replanned);
        audit.byCaller(caller, AuditAction.MEMBERS_IMPORT_COMMITTED, null, Map.of("import", id.toString(), "rows", stored.size()));
        runner.drive(caller.tenant(), id);
        return report(caller.tenant(), id, true);
    }

    /**
     * Undoes an applied import within the day: the men it created who have not signed in since are removed, its changes
     * to the others put back; in the background, as applying was. A dry run is simply discarded (answers empty).
     * 409 IMPORT_IN_PROGRESS while it applies, IMPORT_ALREADY_UNDONE, IMPORT_UNDO_EXPIRED after the day.
     */
    @Nullable
    public Report undo(Caller caller, UUID id) {
        requireManager(caller);
        ImportRow row = imports.findById(id).orElseThrow(ImportWork::notFound);
        switch (ImportStatus.valueOf(row.status())) {
            case PLANNED -> {
                work.discard(caller.tenant(), id);
                return null;
            }
            case APPLYING -> throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.IMPORT_IN_PROGRESS, "The import is still running: undo it once it is done");
            case UNDOING, UNDONE -> throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.IMPORT_ALREADY_UNDONE, "This import was undone already");
            case APPLIED -> {
                if (!clock.instant().isBefore(row.committedAt().plus(settings.undoWithin()))) {
                    throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.IMPORT_UNDO_EXPIRED,
                            "An import can be undone for " + settings.undoWithin().toHours() + " hours after it was imported; this one no longer");
                }
            }
        }
        work.beginUndo(caller, id);
        runner.drive(caller.tenant(), id);
        return report(caller.tenant(), id, false);
    }

    /** The members file of everyone but the erased, in the import's shape; every cell neutralised against formulas. */
    public String export(Caller caller) {
        requireManager(caller);
        Tenant tenant = caller.tenant();
        List<MemberRecords.Record> everyone = records.everyone(tenant);
        Memberships.Places places = memberships.places(tenant);
        Map<UUID, String> circleNames = places.circles().stream().collect(Collectors.toMap(Memberships.Seats::id, Memberships.Seats::name));
        Map<UUID, Boolean> consent = consents.latest(tenant, everyone.stream().map(MemberRecords.Record::id).toList(), Channel.EMAIL);
        List<List<String>> rows = new ArrayList<>(everyone.size());
        for (MemberRecords.Record man : everyone) {
            UUID circle = places.circleOf().get(man.id());
            Boolean given = consent.get(man.id());
            rows.add(List.of(man.email(), man.firstName(), man.lastName(), man.phone() == null ? "" : man.phone(),
                    circle == null ? "" : circleNames.getOrDefault(circle, ""),
                    man.roles().stream().sorted().map(Role::name).collect(Collectors.joining(";")),
                    given == null ? "" : given ? "yes" : "no"));
        }
        audit.byCaller(caller, AuditAction.MEMBERS_EXPORTED, null, Map.of("rows", rows.size()));
        return MemberCsv.write(rows);
    }

    // Reading what the organisation holds, for the planner

    private ImportPlan.Directory directory(Tenant tenant, List<MemberCsv.Line> read) {
        List<String> emails = read.stream().map(line -> line.email().toLowerCase(Locale.ROOT))
                .filter(email -> !email.isEmpty() && email.indexOf('\n') < 0).distinct().toList();
        Map<String, MemberRecords.Record> found = records.withEmails(tenant, emails);
        Map<UUID, Boolean> consent = consents.latest(tenant, found.values().stream().map(MemberRecords.Record::id).toList(), Channel.EMAIL);
        Map<String, ImportPlan.Existing> byEmail = new HashMap<>();
        Map<UUID, ConsentState> consentOf = new HashMap<>();
        found.forEach((email, man) -> {
            byEmail.put(email, new ImportPlan.Existing(man.id(), email, man.firstName(), man.lastName(), normalised(man.phone()),
                    man.status() == PersonStatus.ACTIVE, man.roles()));
            Boolean given = consent.get(man.id());
            consentOf.put(man.id(), given == null ? ConsentState.UNKNOWN : given ? ConsentState.GIVEN : ConsentState.WITHDRAWN);
        });
        Map<String, UUID> byPhone = new HashMap<>();
        records.phones(tenant).forEach((phone, man) -> byPhone.put(normalised(phone), man));
        Memberships.Places places = memberships.places(tenant);
        Map<String, List<ImportPlan.Seats>> circles = new HashMap<>();
        places.circles().forEach(circle -> circles.computeIfAbsent(circle.name().strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(new ImportPlan.Seats(circle.id(), circle.name(), circle.capacity(), circle.members())));
        return new ImportPlan.Directory(byEmail, byPhone, circles, places.circleOf(), consentOf);
    }

    @Nullable
    private static String normalised(@Nullable String phone) {
        if (phone == null) {
            return null;
        }
        String e164 = ImportPlan.phone(phone);
        return e164 == null ? phone.strip() : e164;
    }

    // Rows as stored

    private List<ImportLineRow> rows(Tenant tenant, UUID importId, List<MemberCsv.Line> read, List<ImportPlan.Planned> plans) {
        List<ImportLineRow> rows = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            MemberCsv.Line line = read.get(i);
            ImportPlan.Planned plan = plans.get(i);
            UUID id = UUID.randomUUID();
            rows.add(new ImportLineRow(id, importId, line.line(), line.email(), line.firstName(), line.lastName(),
                    line.phone().isEmpty() ? null : cipher.seal(line.phone(), ImportWork.phoneAad(tenant, id)), line.circle(), line.roles(),
                    line.consent(), plan.action().name(), plan.reason() == null ? null : plan.reason().name(), plan.detail(),
                    plan.changes().toArray(String[]::new), plan.personId(), plan.circleId(),
                    plan.rolesToGrant().stream().map(Role::name).sorted().toArray(String[]::new), plan.consentState().name(),
                    null, null, null, null, null, null, null, null, null, new String[0], null, null));
        }
        return rows;
    }

    private MemberCsv.Line line(Tenant tenant, ImportLineRow row) {
        return ImportWork.line(cipher, tenant, row);
    }

    private Report report(Tenant tenant, UUID id, boolean withRows) {
        ImportRow row = imports.findById(id).orElseThrow(ImportWork::notFound);
        int create = 0;
        int update = 0;
        int unchanged = 0;
        int skipped = 0;
        int done = 0;
        int failed = 0;
        int undone = 0;
        int kept = 0;
        int invited = 0;
        int toInvite = 0;
        for (CountLine count : lines.counts(id)) {
            int n = (int) count.rows();
            switch (RowAction.valueOf(count.action())) {
                case CREATE -> create += n;
                case UPDATE -> update += n;
                case UNCHANGED -> unchanged += n;
                case SKIPPED -> skipped += n;
            }
            if (count.outcome() != null) {
                done += n;
            }
            if ("FAILED".equals(count.outcome())) {
                failed += n;
            }
            if ("UNDONE".equals(count.outcome())) {
                undone += n;
            }
            if ("KEPT".equals(count.outcome())) {
                kept += n;
            }
            if ("SENT".equals(count.invitation())) {
                invited += n;
            }
            if ("SENT".equals(count.invitation()) || "PENDING".equals(count.invitation())) {
                toInvite += n;
            }
        }
        List<Row> rows = withRows ? lines.findByImportIdOrderByLine(id).stream().map(line -> view(tenant, line)).toList() : null;
        return new Report(id, ImportStatus.valueOf(row.status()), row.createdAt(), row.committedAt(), row.appliedAt(), row.undoneAt(),
                row.committedAt() == null ? null : row.committedAt().plus(settings.undoWithin()),
                new Counts(create + update + unchanged + skipped, create, update, unchanged, skipped),
                new Progress(done, create + update, failed, undone, kept, invited, toInvite), rows);
    }

    private Row view(Tenant tenant, ImportLineRow line) {
        return new Row(line.line(), line.email(), line.firstName(), line.lastName(),
                line.sealedPhone() == null ? "" : cipher.open(line.sealedPhone(), ImportWork.phoneAad(tenant, line.id())), line.circle(), line.roles(), line.consent(),
                RowAction.valueOf(line.action()), line.reason() == null ? null : SkipReason.valueOf(line.reason()), line.detail(),
                Arrays.asList(line.changes()), line.personId(), line.circleId(), ConsentState.valueOf(line.consentState()), line.outcome(),
                line.failure(), line.invitation());
    }

    static void requireManager(Caller caller) {
        if (!caller.can(Permission.MEMBERS_MANAGE)) {
            throw Refusal.forbidden("Only admins import and export members");
        }
    }

    private static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<Role> roles(String[] names) {
        Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        Arrays.stream(names).map(Role::valueOf).forEach(roles::add);
        return roles;
    }
}
