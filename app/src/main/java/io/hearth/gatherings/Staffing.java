package io.hearth.gatherings;

import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An event's staff (not counted as participants) and its care teams. */
@Singleton
public class Staffing {

    public enum StaffRole { LEAD, PTM, FACILITATOR, CARE_TEAM_LEAD, KITCHEN, CUSTOM }

    private final TenantSql sql;
    private final Events events;
    private final Outbox outbox;
    private final Clock clock;

    public Staffing(TenantSql sql, Events events, Outbox outbox, Clock clock) {
        this.sql = sql;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Serdeable
    public record StaffMember(UUID personId, String firstName, String lastName, StaffRole role, @Nullable String customRole, Instant assignedAt) {
    }

    @Serdeable
    public record Team(UUID id, String name, UUID staffId, List<UUID> registrations, int size, boolean overRatio) {
    }

    @Serdeable
    public record TeamsView(List<Team> teams, @Nullable Integer participantsPerStaff, long participants, long staff, boolean understaffed,
                            List<String> warnings, long unassigned) {
    }

    public StaffMember assign(UUID eventId, UUID person, StaffRole role, @Nullable String customRole) {
        Caller caller = Caller.require();
        if ((role == StaffRole.CUSTOM) != (customRole != null && !customRole.isBlank())) {
            throw Refusal.invalid("customRole", "is required with role CUSTOM, and only then");
        }
        return sql.write(db -> {
            EventView event = events.lockForManagement(db, eventId, caller);
            Events.requireScheduled(event);
            if (db.count("select count(*) from people where id = ? and status = 'ACTIVE'", person) == 0) {
                throw Refusal.invalid("personId", "is not an active member of this organisation");
            }
            db.update("insert into event_staff (event_id, person_id, role, custom_role, assigned_at) values (?, ?, ?, ?, ?) "
                    + "on conflict (event_id, person_id) do update set role = excluded.role, custom_role = excluded.custom_role",
                    eventId, person, role, role == StaffRole.CUSTOM ? customRole.strip() : null, clock.instant());
            outbox.publish(new GatheringEvent.StaffAssigned(TenantScope.requireId(), eventId, person, role, caller.person()));
            return staff(db, eventId).stream().filter(s -> s.personId().equals(person)).findFirst().orElseThrow();
        });
    }

    public void remove(UUID eventId, UUID person) {
        Caller caller = Caller.require();
        sql.write(db -> {
            events.lockForManagement(db, eventId, caller);
            if (db.count("select count(*) from care_teams where event_id = ? and staff_id = ?", eventId, person) > 0) {
                throw Refusal.conflict("He leads a care team of this event: give the team to someone else first");
            }
            if (db.update("delete from event_staff where event_id = ? and person_id = ?", eventId, person) == 0) {
                throw Refusal.notFound("He is not on this event's staff");
            }
            outbox.publish(new GatheringEvent.StaffRemoved(TenantScope.requireId(), eventId, person, caller.person()));
            return null;
        });
    }

    public List<StaffMember> list(UUID eventId) {
        Caller caller = Caller.require();
        return sql.read(db -> {
            events.load(db, eventId).filter(e -> Events.visible(e, caller)).orElseThrow(() -> Refusal.notFound("No event with this id"));
            return staff(db, eventId);
        });
    }

    public Team createTeam(UUID eventId, String name, UUID staffId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            events.lockForManagement(db, eventId, caller);
            if (!Events.isStaff(db, eventId, staffId)) {
                throw Refusal.invalid("staffId", "must be on the event's staff");
            }
            if (db.count("select count(*) from care_teams where event_id = ? and staff_id = ?", eventId, staffId) > 0) {
                throw Refusal.conflict("He leads a care team of this event already");
            }
            UUID id = UUID.randomUUID();
            db.update("insert into care_teams (id, event_id, name, staff_id) values (?, ?, ?, ?)", id, eventId, name.strip(), staffId);
            outbox.publish(new GatheringEvent.CareTeamFormed(TenantScope.requireId(), eventId, id, staffId));
            return teams(db, eventId).teams().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
        });
    }

    /** Places every confirmed participant without a team, balanced, near his sponsor when he asked. */
    public TeamsView assignAutomatically(UUID eventId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            events.lockForManagement(db, eventId, caller);
            Map<UUID, UUID> teams = new LinkedHashMap<>();
            db.list("select id, staff_id from care_teams where event_id = ? order by name, id", rs -> {
                teams.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                return null;
            }, eventId);
            if (teams.isEmpty()) {
                throw Refusal.conflict("Form care teams first");
            }
            Map<UUID, UUID> placed = new LinkedHashMap<>();
            List<CareTeams.Participant> participants = new ArrayList<>();
            db.list("select id, person_id, care_team_id, sponsor_id, keep_with_sponsor from registrations where event_id = ? and status = 'CONFIRMED' "
                    + "order by arrival", rs -> {
                UUID registration = rs.getObject(1, UUID.class);
                UUID team = rs.getObject(3, UUID.class);
                if (team != null) {
                    placed.put(registration, team);
                }
                participants.add(new CareTeams.Participant(registration, rs.getObject(2, UUID.class),
                        rs.getBoolean(5) ? rs.getObject(4, UUID.class) : null));
                return null;
            }, eventId);
            Map<UUID, UUID> placement = CareTeams.assign(teams, participants, placed);
            int moved = 0;
            for (Map.Entry<UUID, UUID> entry : placement.entrySet()) {
                if (!placed.containsKey(entry.getKey())) {
                    db.update("update registrations set care_team_id = ? where id = ?", entry.getValue(), entry.getKey());
                    moved++;
                }
            }
            outbox.publish(new GatheringEvent.CareTeamsAssigned(TenantScope.requireId(), eventId, moved, caller.person()));
            return teams(db, eventId);
        });
    }

    /** Places one participant by hand (or takes him out of any team with null). */
    public TeamsView place(UUID eventId, UUID registrationId, @Nullable UUID teamId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            events.lockForManagement(db, eventId, caller);
            if (teamId != null && db.count("select count(*) from care_teams where id = ? and event_id = ?", teamId, eventId) == 0) {
                throw Refusal.invalid("careTeamId", "is not a care team of this event");
            }
            if (db.update("update registrations set care_team_id = ? where id = ? and event_id = ? and status = 'CONFIRMED'", teamId, registrationId, eventId) == 0) {
                throw Refusal.notFound("No confirmed registration with this id for this event");
            }
            outbox.publish(new GatheringEvent.CareTeamAssigned(TenantScope.requireId(), eventId, registrationId, teamId, caller.person()));
            return teams(db, eventId);
        });
    }

    public TeamsView teams(UUID eventId) {
        Caller caller = Caller.require();
        return sql.read(db -> {
            EventView event = events.load(db, eventId).orElseThrow(() -> Refusal.notFound("No event with this id"));
            if (!Events.manages(db, eventId, caller) && !Events.isStaff(db, eventId, caller.person())) {
                throw Refusal.forbidden("Care teams are for the event's staff");
            }
            return teams(db, event.id());
        });
    }

    private TeamsView teams(TenantSql.Sql db, UUID eventId) {
        EventView event = events.load(db, eventId).orElseThrow();
        List<Object[]> rows = db.list("select id, name, staff_id from care_teams where event_id = ? order by name, id",
                rs -> new Object[]{rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class)}, eventId);
        Map<UUID, List<UUID>> membersByTeam = new LinkedHashMap<>();
        db.list("select care_team_id, id from registrations where event_id = ? and care_team_id is not null and status = 'CONFIRMED' "
                + "order by arrival", rs -> membersByTeam.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                .add(rs.getObject(2, UUID.class)), eventId);
        Map<UUID, Integer> sizes = new LinkedHashMap<>();
        List<Team> teams = new ArrayList<>();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            List<UUID> members = membersByTeam.getOrDefault(id, List.of());
            sizes.put(id, members.size());
            teams.add(new Team(id, (String) row[1], (UUID) row[2], members, members.size(), false));
        }
        List<UUID> over = CareTeams.overRatio(sizes, event.participantsPerStaff());
        List<Team> marked = teams.stream().map(t -> new Team(t.id(), t.name(), t.staffId(), t.registrations(), t.size(), over.contains(t.id()))).toList();
        long staff = db.count("select count(*) from event_staff where event_id = ?", eventId);
        long participants = event.confirmed();
        boolean understaffed = CareTeams.understaffed(participants, staff, event.participantsPerStaff());
        List<String> warnings = new ArrayList<>();
        marked.stream().filter(Team::overRatio).forEach(t -> warnings.add("Care team " + t.name() + " has " + t.size()
                + " participants, over the target of " + event.participantsPerStaff() + " per staff member"));
        if (understaffed) {
            warnings.add(participants + " participants need at least " + (participants + event.participantsPerStaff() - 1) / event.participantsPerStaff()
                    + " staff at " + event.participantsPerStaff() + " per staff member; the event has " + staff);
        }
        long unassigned = db.count("select count(*) from registrations where event_id = ? and status = 'CONFIRMED' and care_team_id is null", eventId);
        return new TeamsView(marked, event.participantsPerStaff(), participants, staff, understaffed, warnings, unassigned);
    }

    private static List<StaffMember> staff(TenantSql.Sql db, UUID eventId) {
        return db.list("select s.person_id, p.first_name, p.last_name, s.role, s.custom_role, s.assigned_at from event_staff s "
                        + "join people p on p.id = s.person_id where s.event_id = ? order by s.role, lower(p.last_name), p.id",
                rs -> new StaffMember(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), StaffRole.valueOf(rs.getString(4)),
                        rs.getString(5), TenantSql.instant(rs, "assigned_at")), eventId);
    }
}
