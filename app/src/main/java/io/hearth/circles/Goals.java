package io.hearth.circles;

import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A man's personal goals: private, or shared with his circle; and the progress he records on them. */
@Singleton
public class Goals {

    public enum Visibility { PRIVATE, CIRCLE }

    public enum Status { ACTIVE, ACHIEVED, DROPPED }

    private final TenantSql sql;
    private final Circles circles;
    private final Outbox outbox;
    private final Clock clock;

    public Goals(TenantSql sql, Circles circles, Outbox outbox, Clock clock) {
        this.sql = sql;
        this.circles = circles;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Serdeable
    public record Goal(UUID id, UUID personId, String title, String description, Visibility visibility, Status status,
                       @Nullable Integer percent, List<Progress> progress, Instant createdAt) {
    }

    @Serdeable
    public record Progress(UUID id, String note, @Nullable Integer percent, Instant recordedAt) {
    }

    public Goal create(String title, @Nullable String description, Visibility visibility) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            db.update("insert into goals (id, person_id, title, description, visibility, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
                    id, caller.person(), title.strip(), description == null ? "" : description, visibility, now, now);
            outbox.publish(new CircleEvent.GoalSet(TenantScope.requireId(), id, caller.person(), visibility));
            return goal(db, id);
        });
    }

    public Goal update(UUID id, String title, @Nullable String description, Visibility visibility, Status status) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            own(db, id, caller);
            db.update("update goals set title = ?, description = ?, visibility = ?, status = ?, updated_at = ? where id = ?",
                    title.strip(), description == null ? "" : description, visibility, status, clock.instant(), id);
            outbox.publish(new CircleEvent.GoalChanged(TenantScope.requireId(), id, caller.person(), status, visibility));
            return goal(db, id);
        });
    }

    public Goal recordProgress(UUID id, String note, @Nullable Integer percent) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            own(db, id, caller);
            db.update("insert into goal_progress (id, goal_id, note, percent, recorded_at) values (?, ?, ?, ?, ?)",
                    UUID.randomUUID(), id, note, percent, clock.instant());
            outbox.publish(new CircleEvent.GoalProgressRecorded(TenantScope.requireId(), id, caller.person(), percent));
            return goal(db, id);
        });
    }

    public Paged<Goal> mine(int page, int size) {
        Caller caller = Caller.require();
        return sql.read(db -> new Paged<>(db.list("select id from goals where person_id = ? order by created_at desc, id limit ? offset ?",
                        rs -> goal(db, rs.getObject(1, UUID.class)), caller.person(), size, (long) page * size), page, size,
                db.count("select count(*) from goals where person_id = ?", caller.person())));
    }

    /** Goals the circle's current members share with it; for its members and facilitators. */
    public Paged<Goal> sharedIn(UUID circleId, int page, int size) {
        Caller caller = Caller.require();
        return sql.read(db -> {
            CircleView circle = circles.load(db, circleId).filter(c -> circles.visible(db, c, caller))
                    .orElseThrow(() -> Refusal.notFound("No circle with this id"));
            if (!Circles.manages(circle, caller) && !Circles.isMember(db, circleId, caller.person())) {
                throw Refusal.forbidden("Goals shared with a circle are for its members and facilitators");
            }
            String where = " from goals g where g.visibility = 'CIRCLE' and g.person_id in "
                    + "(select person_id from circle_memberships where circle_id = ? and left_at is null)";
            return new Paged<>(db.list("select g.id" + where + " order by g.created_at desc, g.id limit ? offset ?",
                    rs -> goal(db, rs.getObject(1, UUID.class)), circleId, size, (long) page * size), page, size, db.count("select count(*)" + where, circleId));
        });
    }

    private static void own(TenantSql.Sql db, UUID id, Caller caller) {
        if (db.count("select count(*) from goals where id = ? and person_id = ?", id, caller.person()) == 0) {
            throw Refusal.notFound("No goal of yours has this id");
        }
    }

    private static Goal goal(TenantSql.Sql db, UUID id) {
        List<Progress> progress = db.list("select id, note, percent, recorded_at from goal_progress where goal_id = ? order by recorded_at, id",
                Goals::progress, id);
        Integer percent = progress.stream().map(Progress::percent).filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse(null);
        return db.one("select id, person_id, title, description, visibility, status, created_at from goals where id = ?", rs -> new Goal(
                rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class), rs.getString("title"), rs.getString("description"),
                Visibility.valueOf(rs.getString("visibility")), Status.valueOf(rs.getString("status")), percent, progress,
                TenantSql.instant(rs, "created_at")), id).orElseThrow();
    }

    private static Progress progress(ResultSet rs) throws SQLException {
        int percent = rs.getInt("percent");
        Integer value = rs.wasNull() ? null : percent;
        return new Progress(rs.getObject("id", UUID.class), rs.getString("note"), value, TenantSql.instant(rs, "recorded_at"));
    }
}
