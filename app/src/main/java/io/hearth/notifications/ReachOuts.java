package io.hearth.notifications;

import io.hearth.circles.Circles;
import io.hearth.circles.Memberships;
import io.hearth.crypto.FieldCipher;
import io.hearth.gatherings.Staffing;
import io.hearth.identity.Audit;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.kit.Refusal;
import io.hearth.notifications.internal.CrisisLineRow;
import io.hearth.notifications.internal.ReachOutRow;
import io.hearth.notifications.internal.SafetyRepository;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reach out: a man in crisis sees at once the crisis lines of his organisation's country and may alert his
 * facilitators and the care team of an event under way, with a short message, through the must-reach ladder.
 * Whoever takes it says "I'm on it" and the others see that. Nothing of a reach-out is visible to anyone else (not
 * admins, not leadership: there is no such endpoint; reports count them per month); it is erased after the
 * organisation's sensitive-data period.
 */
@TenantBound
@Singleton
public class ReachOuts {

    private static final int MAX_MESSAGE_BYTES = 1000;

    private final SafetyRepository safety;
    private final Notifications notifications;
    private final Circles circles;
    private final Memberships memberships;
    private final Staffing staffing;
    private final People people;
    private final FieldCipher cipher;
    private final Audit audit;
    private final Clock clock;
    private final Duration keptFor;

    public ReachOuts(SafetyRepository safety, Notifications notifications, Circles circles, Memberships memberships, Staffing staffing,
                     People people, FieldCipher cipher, Audit audit, Clock clock, @Property(name = "hearth.reach-out.kept-for", defaultValue = "90d") Duration keptFor) {
        this.safety = safety;
        this.notifications = notifications;
        this.circles = circles;
        this.memberships = memberships;
        this.staffing = staffing;
        this.people = people;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.keptFor = keptFor;
    }

    /**
     * @param custom whether the organisation's admins keep this list (else Hearth's default for its country, with {@code note})
     */
    @Schema(name = "CrisisLines")
    @Serdeable
    public record CrisisLines(@Nullable String country, boolean custom, List<CrisisDirectory.Line> lines, @Nullable String note) {
    }

    @Schema(name = "ReachOutPerson")
    @Serdeable
    public record Person(UUID personId, String name) {
    }

    /**
     * A reach-out as he and those it went to see it.
     *
     * @param alerted whom it was sent to (empty when he only looked at the lines)
     * @param takenBy who said "I'm on it"
     */
    @Schema(name = "ReachOut")
    @Serdeable
    public record ReachOut(UUID id, Person from, @Nullable String message, Instant createdAt, List<Person> alerted, @Nullable Person takenBy,
                           @Nullable Instant takenAt, boolean mine) {
    }

    /** What he sees after reaching out: his reach-out, and the lines he can call now. */
    @Schema(name = "ReachOutResult")
    @Serdeable
    public record Result(ReachOut reachOut, CrisisLines lines, boolean repeated) {
    }

    @Transactional(readOnly = true)
    public CrisisLines lines(Caller caller) {
        List<CrisisLineRow> own = safety.crisisLines();
        String country = CrisisDirectory.countryOf(people.timeZone());
        if (!own.isEmpty()) {
            return new CrisisLines(country, true, own.stream().map(row -> new CrisisDirectory.Line(row.name(), row.phone(), row.sms(), row.url(),
                    row.hours())).toList(), null);
        }
        return new CrisisLines(country, false, CrisisDirectory.lines(country), CrisisDirectory.CHECK);
    }

    /** Admins keep the organisation's list (an empty list goes back to Hearth's default). */
    @Transactional
    public CrisisLines setLines(Caller caller, List<CrisisDirectory.Line> lines) {
        if (!caller.can(Permission.ORGANISATION_MANAGE)) {
            throw Refusal.forbidden("Admins keep the organisation's crisis lines");
        }
        List<Refusal.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            CrisisDirectory.Line line = lines.get(i);
            if (line.name() == null || line.name().isBlank()) {
                errors.add(new Refusal.FieldError("lines[" + i + "].name", "is required"));
            }
            if (blank(line.phone()) && blank(line.sms()) && blank(line.url())) {
                errors.add(new Refusal.FieldError("lines[" + i + "]", "needs a phone number, a text number or a web address"));
            }
            if (!blank(line.url()) && !line.url().startsWith("https://")) {
                errors.add(new Refusal.FieldError("lines[" + i + "].url", "is an https:// address"));
            }
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        safety.clearCrisisLines();
        for (int i = 0; i < lines.size(); i++) {
            CrisisDirectory.Line line = lines.get(i);
            safety.addCrisisLine(UUID.randomUUID(), i, line.name().strip(), line.phone(), line.sms(), line.url(), line.hours());
        }
        audit.byCaller(caller, AuditAction.SETTINGS_CHANGED, null, Map.of("crisisLines",
                lines.isEmpty() ? "default" : lines.stream().map(line -> line.name().strip()).toList()));
        return lines(caller);
    }

    /**
     * He reaches out: with {@code alert}, his facilitators and the care team of an event under way get a must-reach
     * notification with his message. Answers at once with the lines, whether or not anyone is alerted.
     */
    @Transactional
    public Result reachOut(Caller caller, @Nullable String message, boolean alert, @Nullable String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<ReachOutRow> earlier = safety.reachOutByKey(caller.person(), idempotencyKey);
            if (earlier.isPresent()) {
                return new Result(view(caller, earlier.get()), lines(caller), true);
            }
        }
        String text = message == null || message.isBlank() ? null : message.strip();
        if (text != null && text.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw Refusal.invalid("message", "is at most " + MAX_MESSAGE_BYTES + " bytes");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        safety.saveReachOut(id, caller.person(), text == null ? null : cipher.seal(text, associated(caller.tenant(), id)), now, idempotencyKey);
        if (alert) {
            Set<UUID> alerted = new LinkedHashSet<>();
            memberships.stintsOf(caller.person()).stream().filter(stint -> stint.leftAt() == null)
                    .forEach(stint -> circles.find(stint.circleId()).ifPresent(circle -> circle.facilitators().forEach(f -> alerted.add(f.id()))));
            alerted.addAll(staffing.careTeamLeadsOf(caller.person(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))));
            alerted.remove(caller.person());
            alerted.forEach(person -> safety.addRecipient(id, person));
            String name = people.names(List.of(caller.person())).get(caller.person());
            notifications.notify(caller.tenant(), alerted, new Notice(NotificationKind.SAFETY, source(id), true,
                    Text.of("reachout.title", "man", name != null ? name : Text.of("reachout.someone")),
                    text == null ? Text.of("reachout.body") : Text.verbatim(text), "/reach-outs/" + id), caller.person());
        }
        return new Result(view(caller, safety.reachOutFor(id, caller.person()).orElseThrow()), lines(caller), false);
    }

    /** The reach-outs he made or was alerted to, newest first. */
    @Transactional(readOnly = true)
    public List<ReachOut> list(Caller caller) {
        return safety.reachOutsOf(caller.person()).stream().map(row -> view(caller, row)).toList();
    }

    @Transactional(readOnly = true)
    public ReachOut get(Caller caller, UUID id) {
        return view(caller, readable(caller, id));
    }

    /** "I'm on it": one of those alerted takes it; the ladder stops for all of them. 409 when another took it first. */
    @Transactional
    public ReachOut take(Caller caller, UUID id) {
        ReachOutRow row = safety.lockReachOutFor(id, caller.person()).orElseThrow(() -> Refusal.notFound("No reach-out for you has this id"));
        if (row.personId().equals(caller.person()) || !safety.recipients(id).contains(caller.person())) {
            throw Refusal.forbidden("Only those he alerted take a reach-out");
        }
        if (row.takenBy() != null && !row.takenBy().equals(caller.person())) {
            throw Refusal.conflict(people.names(List.of(row.takenBy())).getOrDefault(row.takenBy(), "Someone") + " is on it already");
        }
        safety.take(id, caller.person(), clock.instant());
        notifications.acknowledge(caller.tenant(), caller.person(), source(id));
        notifications.stopClimbing(caller.tenant(), source(id));
        return view(caller, readable(caller, id));
    }

    /** Erases the reach-outs older than the organisation's sensitive-data period; returns how many. */
    @Transactional
    public long eraseDue(Tenant tenant) {
        return safety.eraseOlderThan(clock.instant().minus(keptFor));
    }

    @Schema(name = "ReachOutMonth")
    @Serdeable
    public record Month(String month, long reachOuts) {
    }

    /** How many reach-outs there were per month (in the organisation's zone), newest first: all that reports may know of them. */
    @Transactional(readOnly = true)
    public List<Month> perMonth(Caller caller, int months) {
        if (!caller.can(Permission.REPORTS_VIEW)) {
            throw Refusal.forbidden("Leadership and admins see reports");
        }
        java.time.ZoneId zone = java.time.ZoneId.of(people.timeZone());
        java.time.YearMonth current = java.time.YearMonth.now(clock.withZone(zone));
        List<Month> result = new ArrayList<>();
        for (int i = 0; i < months; i++) {
            java.time.YearMonth month = current.minusMonths(i);
            Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
            Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            result.add(new Month(month.toString(), safety.countBetween(from, to)));
        }
        return result;
    }

    private ReachOutRow readable(Caller caller, UUID id) {
        return safety.reachOutFor(id, caller.person()).orElseThrow(() -> Refusal.notFound("No reach-out for you has this id"));
    }

    private ReachOut view(Caller caller, ReachOutRow row) {
        List<UUID> alerted = safety.recipients(row.id());
        List<UUID> named = new ArrayList<>(alerted);
        named.add(row.personId());
        if (row.takenBy() != null) {
            named.add(row.takenBy());
        }
        Map<UUID, String> names = people.names(named);
        return new ReachOut(row.id(), new Person(row.personId(), names.getOrDefault(row.personId(), "Someone")),
                row.sealedMessage() == null ? null : cipher.open(row.sealedMessage(), associated(caller.tenant(), row.id())), row.createdAt(),
                alerted.stream().map(p -> new Person(p, names.getOrDefault(p, "Someone"))).toList(),
                row.takenBy() == null ? null : new Person(row.takenBy(), names.getOrDefault(row.takenBy(), "Someone")), row.takenAt(),
                row.personId().equals(caller.person()));
    }

    static String source(UUID reachOutId) {
        return "reach-out:" + reachOutId;
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static String associated(Tenant tenant, UUID id) {
        return "reach-out:" + tenant.id().value() + ":" + id;
    }
}
