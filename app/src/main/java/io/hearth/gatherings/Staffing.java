package io.hearth.gatherings;

import io.hearth.gatherings.internal.CareTeamRow;
import io.hearth.gatherings.internal.Placement;
import io.hearth.gatherings.internal.StaffingRepository;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An event's staff (not counted as participants) and its care teams. */
@TenantBound
@Singleton
public class Staffing {

    private final StaffingRepository staffing;
    private final People people;
    private final Gatherings events;
    private final Outbox outbox;
    private final Clock clock;

    public Staffing(StaffingRepository staffing, People people, Gatherings events, Outbox outbox, Clock clock) {
        this.staffing = staffing;
        this.people = people;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Schema(name = "StaffMember")
    @Serdeable
    public record StaffMember(UUID personId, String firstName, String lastName, StaffRole role, @Nullable String customRole, Instant assignedAt) {
    }

    @Schema(name = "CareTeam")
    @Serdeable
    public record Team(UUID id, String name, UUID staffId, List<UUID> registrations, int size, boolean overRatio) {
    }

    @Schema(name = "TeamsView")
    @Serdeable
    public record TeamsView(List<Team> teams, @Nullable Integer participantsPerStaff, long participants, long staff, boolean understaffed,
                            List<String> warnings, long unassigned) {
    }

    /** The leads of his care teams at events under way between the two instants (Reach out alerts them). */
    @Transactional(readOnly = true)
    public List<UUID> careTeamLeadsOf(UUID person, Instant from, Instant to) {
        return staffing.careTeamLeadsOf(person, from, to);
    }

    /** The people on the event's staff now. */
    @Transactional(readOnly = true)
    public List<UUID> staffIds(UUID eventId) {
        return staffing.findStaffIds(eventId);
    }

    /** The events he is on the staff of that ended no earlier than {@code after}. */
    @Transactional(readOnly = true)
    public List<UUID> staffedBy(UUID person, Instant after) {
        return staffing.findStaffedBy(person, after);
    }

    @Transactional
    public StaffMember assign(Caller caller, UUID eventId, UUID person, StaffRole role, @Nullable String customRole) {
        if ((role == StaffRole.CUSTOM) != (customRole != null && !customRole.isBlank())) {
            throw Refusal.invalid("customRole", "is required with role CUSTOM, and only then");
        }
        EventView event = events.lockForManagement(eventId, caller);
        Gatherings.requireScheduled(event);
        if (!people.isActive(person)) {
            throw Refusal.invalid("personId", "is not an active member of this organisation");
        }
        staffing.assign(eventId, person, role.name(), role == StaffRole.CUSTOM ? customRole.strip() : null, clock.instant());
        outbox.publish(new GatheringEvent.StaffAssigned(caller.tenant().id(), eventId, person, role, caller.person()));
        return staff(eventId).stream().filter(s -> s.personId().equals(person)).findFirst().orElseThrow();
    }

    @Transactional
    public void remove(Caller caller, UUID eventId, UUID person) {
        events.lockForManagement(eventId, caller);
        if (staffing.existsByEventIdAndStaffId(eventId, person)) {
            throw Refusal.conflict("He leads a care team of this event: give the team to someone else first");
        }
        if (staffing.remove(eventId, person) == 0) {
            throw Refusal.notFound("He is not on this event's staff");
        }
        outbox.publish(new GatheringEvent.StaffRemoved(caller.tenant().id(), eventId, person, caller.person()));
    }

    @Transactional(readOnly = true)
    public List<StaffMember> list(Caller caller, UUID eventId) {
        events.load(eventId).filter(e -> Gatherings.visible(e, caller)).orElseThrow(() -> Refusal.notFound("No event with this id"));
        return staff(eventId);
    }

    @Transactional
    public Team createTeam(Caller caller, UUID eventId, String name, UUID staffId) {
        events.lockForManagement(eventId, caller);
        if (!events.isStaff(eventId, staffId)) {
            throw Refusal.invalid("staffId", "must be on the event's staff");
        }
        if (staffing.existsByEventIdAndStaffId(eventId, staffId)) {
            throw Refusal.conflict("He leads a care team of this event already");
        }
        UUID id = staffing.save(new CareTeamRow(UUID.randomUUID(), eventId, name.strip(), staffId)).id();
        outbox.publish(new GatheringEvent.CareTeamFormed(caller.tenant().id(), eventId, id, staffId));
        return teamsOf(eventId).teams().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /** Places every confirmed participant without a team, balanced, near his sponsor when he asked. */
    @Transactional
    public TeamsView assignAutomatically(Caller caller, UUID eventId) {
        events.lockForManagement(eventId, caller);
        Map<UUID, UUID> teams = new LinkedHashMap<>();
        staffing.findTeamsOfEvent(eventId).forEach(team -> teams.put(team.id(), team.staffId()));
        if (teams.isEmpty()) {
            throw Refusal.conflict("Form care teams first");
        }
        Map<UUID, UUID> placed = new LinkedHashMap<>();
        List<CareTeams.Participant> participants = new ArrayList<>();
        for (Placement registration : staffing.findPlacements(eventId)) {
            if (registration.careTeamId() != null) {
                placed.put(registration.id(), registration.careTeamId());
            }
            participants.add(new CareTeams.Participant(registration.id(), registration.personId(),
                    registration.keepWithSponsor() ? registration.sponsorId() : null));
        }
        Map<UUID, UUID> placement = CareTeams.assign(teams, participants, placed);
        int moved = 0;
        for (Map.Entry<UUID, UUID> entry : placement.entrySet()) {
            if (!placed.containsKey(entry.getKey())) {
                staffing.place(entry.getKey(), entry.getValue());
                moved++;
            }
        }
        outbox.publish(new GatheringEvent.CareTeamsAssigned(caller.tenant().id(), eventId, moved, caller.person()));
        return teamsOf(eventId);
    }

    /** Places one participant by hand (or takes him out of any team with null). */
    @Transactional
    public TeamsView place(Caller caller, UUID eventId, UUID registrationId, @Nullable UUID teamId) {
        events.lockForManagement(eventId, caller);
        if (teamId != null && !staffing.existsByIdAndEventId(teamId, eventId)) {
            throw Refusal.invalid("careTeamId", "is not a care team of this event");
        }
        if (staffing.placeConfirmed(eventId, registrationId, teamId) == 0) {
            throw Refusal.notFound("No confirmed registration with this id for this event");
        }
        outbox.publish(new GatheringEvent.CareTeamAssigned(caller.tenant().id(), eventId, registrationId, teamId, caller.person()));
        return teamsOf(eventId);
    }

    @Transactional(readOnly = true)
    public TeamsView teams(Caller caller, UUID eventId) {
        EventView event = events.load(eventId).orElseThrow(() -> Refusal.notFound("No event with this id"));
        if (!events.staffRights(eventId, caller)) {
            throw Refusal.forbidden("Care teams are for the event's staff");
        }
        return teamsOf(event.id());
    }

    private TeamsView teamsOf(UUID eventId) {
        EventView event = events.load(eventId).orElseThrow();
        Map<UUID, List<UUID>> membersByTeam = new LinkedHashMap<>();
        long unassigned = 0;
        for (Placement registration : staffing.findPlacements(eventId)) {
            if (registration.careTeamId() == null) {
                unassigned++;
            } else {
                membersByTeam.computeIfAbsent(registration.careTeamId(), k -> new ArrayList<>()).add(registration.id());
            }
        }
        Map<UUID, Integer> sizes = new LinkedHashMap<>();
        List<Team> teams = new ArrayList<>();
        for (CareTeamRow row : staffing.findTeamsOfEvent(eventId)) {
            List<UUID> members = membersByTeam.getOrDefault(row.id(), List.of());
            sizes.put(row.id(), members.size());
            teams.add(new Team(row.id(), row.name(), row.staffId(), members, members.size(), false));
        }
        List<UUID> over = CareTeams.overRatio(sizes, event.participantsPerStaff());
        List<Team> marked = teams.stream().map(t -> new Team(t.id(), t.name(), t.staffId(), t.registrations(), t.size(), over.contains(t.id()))).toList();
        long staff = staffing.countStaff(eventId);
        long participants = event.confirmed();
        boolean understaffed = CareTeams.understaffed(participants, staff, event.participantsPerStaff());
        List<String> warnings = new ArrayList<>();
        marked.stream().filter(Team::overRatio).forEach(t -> warnings.add("Care team " + t.name() + " has " + t.size()
                + " participants, over the target of " + event.participantsPerStaff() + " per staff member"));
        if (understaffed) {
            warnings.add(participants + " participants need at least " + (participants + event.participantsPerStaff() - 1) / event.participantsPerStaff()
                    + " staff at " + event.participantsPerStaff() + " per staff member; the event has " + staff);
        }
        return new TeamsView(marked, event.participantsPerStaff(), participants, staff, understaffed, warnings, unassigned);
    }

    private List<StaffMember> staff(UUID eventId) {
        return staffing.findStaffOfEvent(eventId).stream()
                .map(line -> new StaffMember(line.personId(), line.firstName(), line.lastName(), line.role(), line.customRole(), line.assignedAt()))
                .toList();
    }
}
