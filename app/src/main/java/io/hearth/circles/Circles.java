package io.hearth.circles;

import io.hearth.ErrorCode;
import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.Role;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import io.hearth.web.LikePatterns;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Circles: create, change, archive, and who may see and run which. A facilitator runs his circles; an admin runs
 * all; leadership and admins see all; a member sees his circle and those open to join.
 */
@Singleton
public class Circles {

    static final String COLUMNS = "c.id, c.name, c.description, c.capacity, c.open_to_join, c.location, c.video_link, c.schedule_rrule, "
            + "c.schedule_start, c.schedule_time_zone, c.meeting_minutes, c.dues_amount_cents, c.dues_currency, c.dues_interval, c.status, "
            + "c.created_at, c.archived_at, "
            + "(select count(*) from circle_memberships m where m.circle_id = c.id and m.left_at is null) as member_count, "
            + "(select count(*) from circle_join_requests r where r.circle_id = c.id and r.status = 'OFFERED') as offer_count";

    /** The columns a definition sets, in the order of {@link #definitionValues}. */
    private static final String DEFINITION_COLUMNS = "name, description, capacity, open_to_join, location, video_link, schedule_rrule, "
            + "schedule_start, schedule_time_zone, meeting_minutes, dues_amount_cents, dues_currency, dues_interval";

    private final TenantSql sql;
    private final Outbox outbox;
    private final Clock clock;

    public Circles(TenantSql sql, Outbox outbox, Clock clock) {
        this.sql = sql;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a circle is made of, as given to create or change it. */
    public record Definition(String name, @Nullable String description, int capacity, boolean openToJoin, @Nullable String location,
                             @Nullable String videoLink, @Nullable List<UUID> facilitatorIds, @Nullable MeetingSchedule schedule,
                             @Nullable CircleView.Dues dues) {
    }

    public CircleView create(Definition definition) {
        Capacity.check(definition.capacity());
        Caller caller = Caller.require();
        UUID id = UUID.randomUUID();
        Set<UUID> facilitators = facilitatorsOf(definition, caller);
        return sql.write(db -> {
            requireActivePeople(db, facilitators, "facilitatorIds");
            Instant now = clock.instant();
            db.update("insert into circles (id, " + DEFINITION_COLUMNS + ", created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    TenantSql.concat(TenantSql.concat(new Object[]{id}, definitionValues(definition)), now, now));
            for (UUID facilitator : facilitators) {
                db.update("insert into circle_facilitators (circle_id, person_id) values (?, ?)", id, facilitator);
            }
            outbox.publish(new CircleEvent.CircleCreated(TenantScope.requireId(), id, definition.name(), definition.capacity(),
                    List.copyOf(facilitators), caller.person()));
            return load(db, id).orElseThrow();
        });
    }

    public CircleView update(UUID id, Definition definition) {
        Capacity.check(definition.capacity());
        Caller caller = Caller.require();
        return sql.write(db -> {
            CircleView circle = lockForManagement(db, id, caller);
            requireActive(circle);
            Capacity.checkChange(definition.capacity(), circle.capacity() - circle.openSeats());
            Set<UUID> facilitators = definition.facilitatorIds() == null
                    ? new LinkedHashSet<>(circle.facilitators().stream().map(CircleView.PersonRef::id).toList())
                    : new LinkedHashSet<>(definition.facilitatorIds());
            if (facilitators.isEmpty()) {
                throw Refusal.invalid("facilitatorIds", "a circle needs at least one facilitator");
            }
            requireActivePeople(db, facilitators, "facilitatorIds");
            db.update("update circles set (" + DEFINITION_COLUMNS + ", updated_at) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) where id = ?",
                    TenantSql.concat(definitionValues(definition), clock.instant(), id));
            db.update("delete from circle_facilitators where circle_id = ?", id);
            for (UUID facilitator : facilitators) {
                db.update("insert into circle_facilitators (circle_id, person_id) values (?, ?)", id, facilitator);
            }
            outbox.publish(new CircleEvent.CircleChanged(TenantScope.requireId(), id, definition.name(), definition.capacity(), caller.person()));
            return load(db, id).orElseThrow();
        });
    }

    /** Archives the circle: its members leave, its history stays, read-only. Archiving twice changes nothing. */
    public CircleView archive(UUID id, Memberships memberships) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            CircleView circle = lockForManagement(db, id, caller);
            if ("ARCHIVED".equals(circle.status())) {
                return circle;
            }
            Instant now = clock.instant();
            memberships.endAllForArchive(db, id, now);
            db.update("update circles set status = 'ARCHIVED', archived_at = ?, open_to_join = false, updated_at = ? where id = ?", now, now, id);
            outbox.publish(new CircleEvent.CircleArchived(TenantScope.requireId(), id, caller.person()));
            return load(db, id).orElseThrow();
        });
    }

    public CircleView get(UUID id) {
        Caller caller = Caller.require();
        return sql.read(db -> load(db, id).filter(circle -> visible(db, circle, caller))
                .orElseThrow(() -> Refusal.notFound("No circle with this id")));
    }

    /** One page of the circles the caller may see, sorted by name. */
    public record Page(List<CircleView> items, int page, int size, long totalItems) {
    }

    public Page list(@Nullable String status, @Nullable Boolean openToJoin, @Nullable String q, int page, int size) {
        Caller caller = Caller.require();
        boolean all = caller.can(Permission.CIRCLES_VIEW_ALL);
        String escaped = LikePatterns.escaped(q);
        String pattern = escaped == null ? null : escaped.toLowerCase() + "%";
        String where = " from circles c where (cast(? as text) is null or c.status = ?) and (cast(? as boolean) is null or c.open_to_join = ?) "
                + "and (cast(? as text) is null or lower(c.name) like ?) "
                + "and (? or c.id in (select circle_id from circle_facilitators where person_id = ?) "
                + "or c.id in (select circle_id from circle_memberships where person_id = ? and left_at is null) "
                + "or (c.open_to_join and c.status = 'ACTIVE'))";
        Object[] filter = {status, status, openToJoin, openToJoin, pattern, pattern, all, caller.person(), caller.person()};
        return sql.read(db -> {
            List<UUID> ids = db.list("select c.id" + where + " order by lower(c.name), c.id limit ? offset ?", rs -> rs.getObject(1, UUID.class),
                    TenantSql.concat(filter, size, (long) page * size));
            return new Page(loadAll(db, ids), page, size, db.count("select count(*)" + where, filter));
        });
    }

    // What the other parts of circles need

    Optional<CircleView> load(TenantSql.Sql db, UUID id) {
        return loadAll(db, List.of(id)).stream().findFirst();
    }

    /** The circles with these ids, in this order, in two queries whatever their number. */
    List<CircleView> loadAll(TenantSql.Sql db, List<UUID> ids) {
        UUID[] array = ids.toArray(UUID[]::new);
        Map<UUID, List<CircleView.PersonRef>> facilitators = new HashMap<>();
        db.list("select f.circle_id, p.id, p.first_name, p.last_name from circle_facilitators f join people p on p.id = f.person_id "
                + "where f.circle_id = any(?) order by lower(p.last_name), p.id", r -> facilitators.computeIfAbsent(r.getObject(1, UUID.class),
                k -> new ArrayList<>()).add(new CircleView.PersonRef(r.getObject(2, UUID.class), r.getString(3), r.getString(4))), (Object) array);
        Map<UUID, CircleView> byId = new HashMap<>();
        db.list("select " + COLUMNS + " from circles c where c.id = any(?)", rs -> view(rs, facilitators), (Object) array)
                .forEach(circle -> byId.put(circle.id(), circle));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Locks the circle's row for the rest of the transaction: seat counts cannot change under us. */
    CircleView lock(TenantSql.Sql db, UUID id) {
        db.one("select id from circles where id = ? for update", rs -> rs.getObject(1, UUID.class), id)
                .orElseThrow(() -> Refusal.notFound("No circle with this id"));
        return load(db, id).orElseThrow();
    }

    /** Locks the circle if the caller may run it: 404 if he cannot see it, 403 if he sees but may not run it. */
    CircleView lockForManagement(TenantSql.Sql db, UUID id, Caller caller) {
        CircleView circle = lock(db, id);
        requireManager(db, circle, caller);
        return circle;
    }

    void requireManager(TenantSql.Sql db, CircleView circle, Caller caller) {
        if (!visible(db, circle, caller)) {
            throw Refusal.notFound("No circle with this id");
        }
        if (!manages(circle, caller)) {
            throw Refusal.forbidden("Only the circle's facilitators and admins can do this");
        }
    }

    static boolean manages(CircleView circle, Caller caller) {
        return caller.roles().contains(Role.ADMIN)
                || (caller.can(Permission.CIRCLES_MANAGE) && circle.facilitators().stream().anyMatch(f -> f.id().equals(caller.person())));
    }

    boolean visible(TenantSql.Sql db, CircleView circle, Caller caller) {
        if (caller.can(Permission.CIRCLES_VIEW_ALL) || caller.roles().contains(Role.ADMIN)) {
            return true;
        }
        if (circle.facilitators().stream().anyMatch(f -> f.id().equals(caller.person()))) {
            return true;
        }
        if (circle.openToJoin() && "ACTIVE".equals(circle.status())) {
            return true;
        }
        return db.count("select count(*) from circle_memberships where circle_id = ? and person_id = ? and left_at is null",
                circle.id(), caller.person()) > 0;
    }

    /** Whether the caller is (now) a member of the circle. */
    static boolean isMember(TenantSql.Sql db, UUID circle, UUID person) {
        return db.count("select count(*) from circle_memberships where circle_id = ? and person_id = ? and left_at is null", circle, person) > 0;
    }

    static void requireActive(CircleView circle) {
        if (!"ACTIVE".equals(circle.status())) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.CIRCLE_ARCHIVED, "The circle is archived: its history is read-only");
        }
    }

    static void requireActivePeople(TenantSql.Sql db, Set<UUID> people, String field) {
        for (UUID person : people) {
            if (db.count("select count(*) from people where id = ? and status = 'ACTIVE'", person) == 0) {
                throw Refusal.invalid(field, "has " + person + ", who is not an active member of this organisation");
            }
        }
    }

    private static Set<UUID> facilitatorsOf(Definition definition, Caller caller) {
        Set<UUID> facilitators = new LinkedHashSet<>();
        if (definition.facilitatorIds() == null) {
            facilitators.add(caller.person());
        } else {
            facilitators.addAll(definition.facilitatorIds());
        }
        if (facilitators.isEmpty()) {
            throw Refusal.invalid("facilitatorIds", "a circle needs at least one facilitator");
        }
        return facilitators;
    }

    private static Object[] definitionValues(Definition d) {
        MeetingSchedule s = d.schedule();
        CircleView.Dues dues = d.dues();
        return new Object[]{d.name().strip(), d.description() == null ? "" : d.description(), d.capacity(), d.openToJoin(),
                d.location(), d.videoLink(),
                s == null ? null : s.rrule(), s == null ? null : s.firstStart(), s == null ? null : s.zone().getId(), s == null ? null : s.minutes(),
                dues == null ? null : dues.amountCents(), dues == null ? null : dues.currency(), dues == null ? null : dues.interval()};
    }

    private static CircleView view(ResultSet rs, Map<UUID, List<CircleView.PersonRef>> facilitatorsByCircle) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String rrule = rs.getString("schedule_rrule");
        CircleView.Schedule schedule = rrule == null ? null : new CircleView.Schedule(rrule,
                rs.getTimestamp("schedule_start").toLocalDateTime(), rs.getString("schedule_time_zone"), rs.getInt("meeting_minutes"));
        long duesAmount = rs.getLong("dues_amount_cents");
        CircleView.Dues dues = rs.wasNull() ? null : new CircleView.Dues(duesAmount, rs.getString("dues_currency"), rs.getString("dues_interval"));
        int capacity = rs.getInt("capacity");
        long taken = rs.getLong("member_count") + rs.getLong("offer_count");
        List<CircleView.PersonRef> facilitators = facilitatorsByCircle.getOrDefault(id, List.of());
        return new CircleView(id, rs.getString("name"), rs.getString("description"), capacity, rs.getBoolean("open_to_join"),
                rs.getString("location"), rs.getString("video_link"), facilitators, schedule, dues, rs.getString("status"),
                rs.getLong("member_count"), Math.max(0, capacity - taken), TenantSql.instant(rs, "created_at"), TenantSql.instant(rs, "archived_at"));
    }

    static MeetingSchedule scheduleOf(CircleView circle) {
        CircleView.Schedule s = circle.schedule();
        return s == null ? null : new MeetingSchedule(s.rrule(), s.firstStart(), MeetingSchedule.zone(s.timeZone()), s.minutes());
    }
}
