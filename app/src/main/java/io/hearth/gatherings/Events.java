package io.hearth.gatherings;

import io.hearth.ErrorCode;
import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.Role;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Events: define, change, cancel, list; custom types; who may see and run which. A PTM runs the events he staffs,
 * an admin all of them; members see events for members; anyone sees public ones.
 */
@Singleton
public class Events {

    private final TenantSql sql;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock;

    public Events(TenantSql sql, Outbox outbox, JsonMapper json, Clock clock) {
        this.sql = sql;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** An event as given to create or change it. */
    public record Definition(String type, String title, @Nullable String description, Instant startsAt, Instant endsAt, String timeZone,
                             @Nullable String venue, int capacity, String visibility, @Nullable Instant registrationOpensAt,
                             @Nullable Instant registrationClosesAt, List<EventView.PriceOption> priceOptions, @Nullable Integer holdMinutes,
                             @Nullable Integer offerHours, @Nullable Integer cancellationCutoffHours, @Nullable Integer participantsPerStaff,
                             @Nullable Integer sensitiveRetentionDays, @Nullable List<Questions.Question> questions,
                             @Nullable List<Waiver> waivers) {
    }

    public record Waiver(String title, String body) {
    }

    public record EventType(String code, String name, boolean builtin) {
    }

    // Types

    public List<EventType> types() {
        return sql.read(db -> db.list("select code, name, builtin from event_types order by builtin desc, code",
                rs -> new EventType(rs.getString(1), rs.getString(2), rs.getBoolean(3))));
    }

    public EventType addType(String code, String name) {
        return sql.write(db -> {
            if (db.count("select count(*) from event_types where code = ?", code) > 0) {
                throw Refusal.conflict("An event type with this code exists");
            }
            db.update("insert into event_types (code, name) values (?, ?)", code, name.strip());
            outbox.publish(new GatheringEvent.EventTypeAdded(TenantScope.requireId(), code, name, Caller.require().person()));
            return new EventType(code, name.strip(), false);
        });
    }

    // Events

    public EventView create(Definition definition) {
        Caller caller = Caller.require();
        check(definition);
        UUID id = UUID.randomUUID();
        return sql.write(db -> {
            requireType(db, definition.type());
            Instant now = clock.instant();
            db.update("insert into events (id, type_code, title, description, starts_at, ends_at, time_zone, venue, capacity, visibility, "
                            + "registration_opens_at, registration_closes_at, price_options, hold_minutes, offer_hours, cancellation_cutoff_hours, "
                            + "participants_per_staff, sensitive_retention_days, created_by, created_at, updated_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, definition.type(), definition.title().strip(), nz(definition.description()), definition.startsAt(), definition.endsAt(),
                    definition.timeZone(), nz(definition.venue()), definition.capacity(), definition.visibility(), definition.registrationOpensAt(),
                    definition.registrationClosesAt(), priceJson(definition.priceOptions()), or(definition.holdMinutes(), 60),
                    or(definition.offerHours(), 24), or(definition.cancellationCutoffHours(), 48), definition.participantsPerStaff(),
                    or(definition.sensitiveRetentionDays(), 30), caller.person(), now, now);
            replaceQuestions(db, id, definition.questions());
            addWaivers(db, id, definition.waivers());
            db.update("insert into event_staff (event_id, person_id, role) values (?, ?, 'LEAD')", id, caller.person());
            outbox.publish(new GatheringEvent.EventScheduled(TenantScope.requireId(), id, definition.title(), definition.type(), definition.startsAt(), definition.capacity(), caller.person()));
            return load(db, id).orElseThrow();
        });
    }

    /** Changes the event. Questions can change only before anyone registered; a changed waiver text becomes a new version. */
    public EventView update(UUID id, Definition definition, Seats seats) {
        Caller caller = Caller.require();
        check(definition);
        return sql.write(db -> {
            EventView event = lockForManagement(db, id, caller);
            requireScheduled(event);
            requireType(db, definition.type());
            long taken = event.confirmed() + event.held() + event.offered();
            if (definition.capacity() < taken) {
                throw Refusal.invalid("capacity", "cannot be below the " + taken + " seats taken");
            }
            if (definition.questions() != null && !sameQuestions(event.questions(), definition.questions())) {
                if (db.count("select count(*) from registrations where event_id = ?", id) > 0) {
                    throw Refusal.conflict("Registration questions cannot change once someone has registered");
                }
                replaceQuestions(db, id, definition.questions());
            }
            if (definition.waivers() != null) {
                List<Waiver> changed = new ArrayList<>();
                for (Waiver waiver : definition.waivers()) {
                    boolean current = event.waivers().stream().anyMatch(w -> w.title().equals(waiver.title()) && w.body().equals(waiver.body()));
                    if (!current) {
                        changed.add(waiver);
                    }
                }
                addWaivers(db, id, changed);
            }
            db.update("update events set type_code = ?, title = ?, description = ?, starts_at = ?, ends_at = ?, time_zone = ?, venue = ?, capacity = ?, "
                            + "visibility = ?, registration_opens_at = ?, registration_closes_at = ?, price_options = cast(? as jsonb), hold_minutes = ?, "
                            + "offer_hours = ?, cancellation_cutoff_hours = ?, participants_per_staff = ?, sensitive_retention_days = ?, updated_at = ? where id = ?",
                    definition.type(), definition.title().strip(), nz(definition.description()), definition.startsAt(), definition.endsAt(),
                    definition.timeZone(), nz(definition.venue()), definition.capacity(), definition.visibility(), definition.registrationOpensAt(),
                    definition.registrationClosesAt(), priceJson(definition.priceOptions()), or(definition.holdMinutes(), event.holdMinutes()),
                    or(definition.offerHours(), event.offerHours()), or(definition.cancellationCutoffHours(), event.cancellationCutoffHours()),
                    definition.participantsPerStaff(), or(definition.sensitiveRetentionDays(), event.sensitiveRetentionDays()), clock.instant(), id);
            outbox.publish(new GatheringEvent.EventChanged(TenantScope.requireId(), id, definition.capacity(), definition.startsAt(), caller.person()));
            // A raised capacity frees seats: offer them now, in this change.
            seats.settle(db, id);
            return load(db, id).orElseThrow();
        });
    }

    /** Cancels the event: every open registration ends with the reason. Cancelling twice changes nothing. */
    public EventView cancel(UUID id, String reason) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            EventView event = lockForManagement(db, id, caller);
            if ("CANCELLED".equals(event.status())) {
                return event;
            }
            Instant now = clock.instant();
            db.update("update registrations set status = 'CANCELLED', cancelled_at = ?, cancelled_by = ?, cancel_reason = ?, updated_at = ? "
                    + "where event_id = ? and status not in ('CANCELLED', 'EXPIRED')", now, caller.person(), "event cancelled: " + reason, now, id);
            db.update("update events set status = 'CANCELLED', cancel_reason = ?, updated_at = ? where id = ?", reason, now, id);
            outbox.publish(new GatheringEvent.EventCancelled(TenantScope.requireId(), id, reason, caller.person()));
            return load(db, id).orElseThrow();
        });
    }

    public EventView get(UUID id) {
        Caller caller = Caller.current().orElse(null);
        return sql.read(db -> load(db, id).filter(event -> visible(event, caller))
                .orElseThrow(() -> Refusal.notFound("No event with this id")));
    }

    /** Events the caller may see, by start time; filters by type, [from, to), status and, when given, a man on the staff. */
    public Paged<EventView> list(@Nullable String type, @Nullable Instant from, @Nullable Instant to, @Nullable String status,
                                 boolean publicOnly, @Nullable UUID staffedBy, int page, int size) {
        String where = " from events e where (cast(? as text) is null or e.type_code = ?) and (cast(? as timestamptz) is null or e.ends_at > ?) "
                + "and (cast(? as timestamptz) is null or e.starts_at < ?) and (cast(? as text) is null or e.status = ?) "
                + "and (cast(? as uuid) is null or exists (select 1 from event_staff s where s.event_id = e.id and s.person_id = ?)) "
                + (publicOnly ? "and e.visibility = 'PUBLIC' " : "");
        Object[] filter = {type, type, from, from, to, to, status, status, staffedBy, staffedBy};
        return sql.read(db -> {
            List<UUID> ids = db.list("select e.id" + where + " order by e.starts_at, e.id limit ? offset ?", rs -> rs.getObject(1, UUID.class),
                    TenantSql.concat(filter, size, (long) page * size));
            return new Paged<>(loadAll(db, ids), page, size, db.count("select count(*)" + where, filter));
        });
    }

    // What the rest of events needs

    Optional<EventView> load(TenantSql.Sql db, UUID id) {
        return loadAll(db, List.of(id)).stream().findFirst();
    }

    /** The events with these ids, in this order, in three queries whatever their number. */
    List<EventView> loadAll(TenantSql.Sql db, List<UUID> ids) {
        UUID[] array = ids.toArray(UUID[]::new);
        Map<UUID, List<EventView.QuestionView>> questions = new HashMap<>();
        db.list("select event_id, id, kind, label, required, choices from event_questions where event_id = any(?) order by event_id, position",
                r -> questions.computeIfAbsent(r.getObject(1, UUID.class), k -> new ArrayList<>()).add(new EventView.QuestionView(
                        r.getObject(2, UUID.class), Questions.Kind.valueOf(r.getString(3)), r.getString(4), r.getBoolean(5),
                        List.of((String[]) r.getArray(6).getArray()))), (Object) array);
        // The current version of each waiver title.
        Map<UUID, List<EventView.WaiverView>> waivers = new HashMap<>();
        db.list("select distinct on (event_id, title) event_id, id, version, title, body from event_waivers where event_id = any(?) "
                + "order by event_id, title, version desc", r -> waivers.computeIfAbsent(r.getObject(1, UUID.class), k -> new ArrayList<>())
                .add(new EventView.WaiverView(r.getObject(2, UUID.class), r.getInt(3), r.getString(4), r.getString(5))), (Object) array);
        Map<UUID, EventView> byId = new HashMap<>();
        db.list("select e.*, "
                + "(select count(*) from registrations r where r.event_id = e.id and r.status = 'CONFIRMED') as confirmed, "
                + "(select count(*) from registrations r where r.event_id = e.id and r.status = 'PENDING_PAYMENT') as held, "
                + "(select count(*) from registrations r where r.event_id = e.id and r.status = 'OFFERED') as offered, "
                + "(select count(*) from registrations r where r.event_id = e.id and r.status = 'WAITLISTED') as waitlisted "
                + "from events e where e.id = any(?)", rs -> view(rs, questions, waivers), (Object) array).forEach(event -> byId.put(event.id(), event));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    EventView lock(TenantSql.Sql db, UUID id) {
        db.one("select id from events where id = ? for update", rs -> rs.getObject(1, UUID.class), id)
                .orElseThrow(() -> Refusal.notFound("No event with this id"));
        return load(db, id).orElseThrow();
    }

    EventView lockForManagement(TenantSql.Sql db, UUID id, Caller caller) {
        EventView event = lock(db, id);
        requireManager(db, event, caller);
        return event;
    }

    void requireManager(TenantSql.Sql db, EventView event, Caller caller) {
        if (!manages(db, event.id(), caller)) {
            throw Refusal.forbidden("Only the event's PTMs and admins can do this");
        }
    }

    /** Admins run every event; a PTM runs the events he staffs. */
    static boolean manages(TenantSql.Sql db, UUID event, Caller caller) {
        return caller.roles().contains(Role.ADMIN) || (caller.can(Permission.EVENTS_MANAGE) && isStaff(db, event, caller.person()));
    }

    static boolean isStaff(TenantSql.Sql db, UUID event, UUID person) {
        return db.count("select count(*) from event_staff where event_id = ? and person_id = ?", event, person) > 0;
    }

    static boolean visible(EventView event, @Nullable Caller caller) {
        return "PUBLIC".equals(event.visibility()) || caller != null;
    }

    static void requireScheduled(EventView event) {
        if (!"SCHEDULED".equals(event.status())) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.EVENT_CANCELLED, "The event is cancelled");
        }
    }

    private static void check(Definition d) {
        if (!d.endsAt().isAfter(d.startsAt())) {
            throw Refusal.invalid("endsAt", "must be after startsAt");
        }
        if (d.registrationOpensAt() != null && d.registrationClosesAt() != null && !d.registrationClosesAt().isAfter(d.registrationOpensAt())) {
            throw Refusal.invalid("registrationClosesAt", "must be after registrationOpensAt");
        }
        try {
            java.time.ZoneId.of(d.timeZone());
        } catch (RuntimeException e) {
            throw Refusal.invalid("timeZone", "is not an IANA time zone such as Europe/London");
        }
        List<String> codes = d.priceOptions().stream().map(EventView.PriceOption::code).toList();
        if (codes.size() != codes.stream().distinct().count()) {
            throw Refusal.invalid("priceOptions", "codes must differ");
        }
        if (d.questions() != null) {
            for (Questions.Question q : d.questions()) {
                if (q.kind() == Questions.Kind.CHOICE && q.choices().size() < 2) {
                    throw Refusal.invalid("questions", "a CHOICE question needs at least two choices: " + q.label());
                }
            }
        }
    }

    private static void requireType(TenantSql.Sql db, String type) {
        if (db.count("select count(*) from event_types where code = ?", type) == 0) {
            throw Refusal.invalid("type", "is not an event type of this organisation (GET /api/v1/event-types)");
        }
    }

    private static void replaceQuestions(TenantSql.Sql db, UUID event, @Nullable List<Questions.Question> questions) {
        if (questions == null) {
            return;
        }
        db.update("delete from event_questions where event_id = ?", event);
        int position = 0;
        for (Questions.Question q : questions) {
            db.update("insert into event_questions (id, event_id, position, kind, label, required, choices) values (?, ?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID(), event, position++, q.kind(), q.label(), q.required(), q.choices().toArray(String[]::new));
        }
    }

    private void addWaivers(TenantSql.Sql db, UUID event, @Nullable List<Waiver> waivers) {
        if (waivers == null) {
            return;
        }
        for (Waiver waiver : waivers) {
            long version = db.count("select coalesce(max(version), 0) + 1 from event_waivers where event_id = ?", event);
            db.update("insert into event_waivers (id, event_id, version, title, body, created_at) values (?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID(), event, (int) version, waiver.title(), waiver.body(), clock.instant());
        }
    }

    private static boolean sameQuestions(List<EventView.QuestionView> current, List<Questions.Question> given) {
        if (current.size() != given.size()) {
            return false;
        }
        for (int i = 0; i < given.size(); i++) {
            EventView.QuestionView c = current.get(i);
            Questions.Question g = given.get(i);
            if (c.kind() != g.kind() || !c.label().equals(g.label()) || c.required() != g.required() || !c.choices().equals(g.choices())) {
                return false;
            }
        }
        return true;
    }

    private EventView view(ResultSet rs, Map<UUID, List<EventView.QuestionView>> questionsByEvent,
                           Map<UUID, List<EventView.WaiverView>> waiversByEvent) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<EventView.QuestionView> questions = questionsByEvent.getOrDefault(id, List.of());
        List<EventView.WaiverView> waivers = waiversByEvent.getOrDefault(id, List.of());
        int capacity = rs.getInt("capacity");
        long confirmed = rs.getLong("confirmed");
        long held = rs.getLong("held");
        long offered = rs.getLong("offered");
        int perStaff = rs.getInt("participants_per_staff");
        Integer participantsPerStaff = rs.wasNull() ? null : perStaff;
        return new EventView(id, rs.getString("type_code"), rs.getString("title"), rs.getString("description"), TenantSql.instant(rs, "starts_at"),
                TenantSql.instant(rs, "ends_at"), rs.getString("time_zone"), rs.getString("venue"), capacity, rs.getString("visibility"),
                TenantSql.instant(rs, "registration_opens_at"), TenantSql.instant(rs, "registration_closes_at"), prices(rs.getString("price_options")),
                rs.getInt("hold_minutes"), rs.getInt("offer_hours"), rs.getInt("cancellation_cutoff_hours"), participantsPerStaff,
                rs.getInt("sensitive_retention_days"), questions, waivers, rs.getString("status"), rs.getString("cancel_reason"),
                confirmed, held, offered, rs.getLong("waitlisted"), Math.max(0, capacity - confirmed - held - offered));
    }

    private List<EventView.PriceOption> prices(String text) {
        try {
            return json.readValue(text, Argument.listOf(EventView.PriceOption.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable price options", e);
        }
    }

    private String priceJson(List<EventView.PriceOption> options) {
        try {
            return json.writeValueAsString(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nz(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static int or(@Nullable Integer value, int fallback) {
        return Objects.requireNonNullElse(value, fallback);
    }
}
