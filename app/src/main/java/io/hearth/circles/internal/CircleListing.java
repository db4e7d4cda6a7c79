package io.hearth.circles.internal;

import io.hearth.tenancy.TenantSql;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The reads of the circle listing and of every circle loaded by id, over {@link TenantSql}: every member's home
 * screen asks for them, so they skip Micronaut Data's row mapping. The same SQL runs in the request-path benchmark's
 * bare baseline ({@code infra/baseline}).
 */
@Singleton
public final class CircleListing {

    /** Which circles a caller may see: all of them, or those he runs, is in, or may join. Nine parameters, see {@link #visible}. */
    static final String VISIBLE = "from circles c where (cast(? as text) is null or c.status = ?) "
            + "and (cast(? as boolean) is null or c.open_to_join = ?) "
            + "and (cast(? as text) is null or lower(c.name) like ?) "
            + "and (? or c.id in (select circle_id from circle_facilitators where person_id = ?) "
            + "or c.id in (select circle_id from circle_memberships where person_id = ? and left_at is null) "
            + "or (c.open_to_join and c.status = 'ACTIVE'))";

    static final String LINES = "select c.*, (select count(*) from circle_memberships m where m.circle_id = c.id and m.left_at is null) as member_count, "
            + "(select count(*) from circle_join_requests r where r.circle_id = c.id and r.status = 'OFFERED') as offer_count "
            + "from circles c where c.id = any(?)";

    static final String FACILITATORS = "select f.circle_id, p.id as person_id, p.first_name, p.last_name from circle_facilitators f "
            + "join people p on p.id = f.person_id where f.circle_id = any(?) order by lower(p.last_name), p.id";

    private final TenantSql sql;

    public CircleListing(TenantSql sql) {
        this.sql = sql;
    }

    public List<UUID> visibleIds(@Nullable String status, @Nullable Boolean openToJoin, @Nullable String namePrefix, boolean all, UUID personId,
                                 int limit, long offset) {
        Object[] parameters = java.util.Arrays.copyOf(visible(status, openToJoin, namePrefix, all, personId), 11);
        parameters[9] = limit;
        parameters[10] = offset;
        return sql.uuids("select c.id " + VISIBLE + " order by lower(c.name), c.id limit ? offset ?", parameters);
    }

    public long countVisible(@Nullable String status, @Nullable Boolean openToJoin, @Nullable String namePrefix, boolean all, UUID personId) {
        return sql.number("select count(*) " + VISIBLE, visible(status, openToJoin, namePrefix, all, personId));
    }

    public List<CircleLine> lines(Collection<UUID> ids) {
        return sql.list(LINES, CircleLine.class, ids);
    }

    public List<FacilitatorLine> facilitators(Collection<UUID> circleIds) {
        return sql.list(FACILITATORS, FacilitatorLine.class, circleIds);
    }

    private static Object[] visible(@Nullable String status, @Nullable Boolean openToJoin, @Nullable String namePrefix, boolean all, UUID personId) {
        return new Object[] {status, status, openToJoin, openToJoin, namePrefix, namePrefix, all, personId, personId};
    }
}
