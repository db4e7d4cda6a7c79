package io.hearth.circles;

import io.hearth.ErrorCode;
import io.hearth.circles.internal.CircleLine;
import io.hearth.circles.internal.CircleListing;
import io.hearth.circles.internal.CircleRepository;
import io.hearth.circles.internal.CircleRow;
import io.hearth.circles.internal.JoinRequestRepository;
import io.hearth.circles.internal.MembershipRepository;
import io.hearth.circles.internal.TransferRepository;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.identity.Role;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.LikePatterns;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

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
@TenantBound
@Singleton
public class Circles {

    private final CircleRepository circles;
    private final CircleListing listing;
    private final MembershipRepository memberships;
    private final JoinRequestRepository requests;
    private final TransferRepository transfers;
    private final People people;
    private final Outbox outbox;
    private final Clock clock;

    public Circles(CircleRepository circles, CircleListing listing, MembershipRepository memberships, JoinRequestRepository requests,
                   TransferRepository transfers, People people, Outbox outbox, Clock clock) {
        this.circles = circles;
        this.listing = listing;
        this.memberships = memberships;
        this.requests = requests;
        this.transfers = transfers;
        this.people = people;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a circle is made of, as given to create or change it. */
    public record Definition(String name, @Nullable String description, int capacity, boolean openToJoin, @Nullable String location,
                             @Nullable String videoLink, @Nullable List<UUID> facilitatorIds, @Nullable MeetingSchedule schedule,
                             @Nullable CircleView.Dues dues) {
    }

    @Transactional
    public CircleView create(Caller caller, Definition definition) {
        Capacity.check(definition.capacity());
        Set<UUID> facilitators = facilitatorsOf(definition, caller);
        requireActivePeople(facilitators, "facilitatorIds");
        Instant now = clock.instant();
        UUID id = circles.save(row(UUID.randomUUID(), definition, "ACTIVE", now, now, null)).id();
        facilitators.forEach(facilitator -> circles.addFacilitator(id, facilitator));
        outbox.publish(new CircleEvent.CircleCreated(caller.tenant().id(), id, definition.name(), definition.capacity(),
                List.copyOf(facilitators), caller.person()));
        return load(id).orElseThrow();
    }

    @Transactional
    public CircleView update(Caller caller, UUID id, Definition definition) {
        Capacity.check(definition.capacity());
        CircleView circle = lockForManagement(id, caller);
        requireActive(circle);
        Capacity.checkChange(definition.capacity(), circle.capacity() - circle.openSeats());
        Set<UUID> facilitators = definition.facilitatorIds() == null
                ? new LinkedHashSet<>(circle.facilitators().stream().map(CircleView.PersonRef::id).toList())
                : new LinkedHashSet<>(definition.facilitatorIds());
        if (facilitators.isEmpty()) {
            throw Refusal.invalid("facilitatorIds", "a circle needs at least one facilitator");
        }
        requireActivePeople(facilitators, "facilitatorIds");
        CircleRow current = circles.findById(id).orElseThrow();
        circles.update(row(id, definition, current.status(), current.createdAt(), clock.instant(), current.archivedAt()));
        circles.removeFacilitators(id);
        facilitators.forEach(facilitator -> circles.addFacilitator(id, facilitator));
        outbox.publish(new CircleEvent.CircleChanged(caller.tenant().id(), id, definition.name(), definition.capacity(), caller.person()));
        return load(id).orElseThrow();
    }

    /**
     * Archives the circle: its members leave (removed), open join requests and transfers into or out of it are
     * declined, its history stays, read-only. Archiving twice changes nothing.
     */
    @Transactional
    public CircleView archive(Caller caller, UUID id) {
        CircleView circle = lockForManagement(id, caller);
        if ("ARCHIVED".equals(circle.status())) {
            return circle;
        }
        Instant now = clock.instant();
        List<UUID> members = memberships.findCurrentPeople(id);
        memberships.endAll(id, now);
        requests.declineAllOpen(id, now);
        transfers.declineAllOf(id, now);
        for (UUID member : members) {
            outbox.publish(new CircleEvent.MemberLeftCircle(caller.tenant().id(), id, member, LeaveReason.REMOVED, null, now));
        }
        circles.archive(id, now);
        outbox.publish(new CircleEvent.CircleArchived(caller.tenant().id(), id, caller.person()));
        return load(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public CircleView get(Caller caller, UUID id) {
        return load(id).filter(circle -> visible(circle, caller)).orElseThrow(() -> Refusal.notFound("No circle with this id"));
    }

    /** The circle whoever asks: for work with no caller (a payment provider's webhook), never for an answer to a person. */
    @Transactional(readOnly = true)
    public Optional<CircleView> find(UUID id) {
        return load(id);
    }

    /** The circles he facilitates now. */
    @Transactional(readOnly = true)
    public List<UUID> facilitatedBy(UUID person) {
        return circles.findFacilitatedBy(person);
    }

    /** One page of the circles the caller may see, sorted by name. */
    public record Page(List<CircleView> items, int page, int size, long totalItems) {
    }

    /*
     * One connection, no transaction: under READ COMMITTED each statement sees its own snapshot inside a transaction
     * too, so a read-only transaction would add BEGIN and COMMIT round trips and give the listing nothing.
     */
    @Connectable
    public Page list(Caller caller, @Nullable String status, @Nullable Boolean openToJoin, @Nullable String q, int page, int size) {
        boolean all = caller.can(Permission.CIRCLES_VIEW_ALL);
        String escaped = LikePatterns.escaped(q);
        String prefix = escaped == null ? null : escaped.toLowerCase() + "%";
        List<UUID> ids = listing.visibleIds(status, openToJoin, prefix, all, caller.person(), size, (long) page * size);
        return new Page(loadAll(ids), page, size, listing.countVisible(status, openToJoin, prefix, all, caller.person()));
    }

    // What the other parts of circles need

    List<io.hearth.circles.internal.SeatLine> activeSeats() {
        return circles.activeSeats();
    }

    Optional<CircleView> load(UUID id) {
        return loadAll(List.of(id)).stream().findFirst();
    }

    /** The circles with these ids, in this order, in two queries whatever their number. */
    List<CircleView> loadAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<CircleView.PersonRef>> facilitators = new HashMap<>();
        listing.facilitators(ids).forEach(f -> facilitators.computeIfAbsent(f.circleId(), k -> new ArrayList<>())
                .add(new CircleView.PersonRef(f.personId(), f.firstName(), f.lastName())));
        Map<UUID, CircleView> byId = new HashMap<>();
        listing.lines(ids).forEach(line -> byId.put(line.id(), view(line, facilitators.getOrDefault(line.id(), List.of()))));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Locks the circle's row for the rest of the transaction: seat counts cannot change under us. */
    CircleView lock(UUID id) {
        circles.lock(id).orElseThrow(() -> Refusal.notFound("No circle with this id"));
        return load(id).orElseThrow();
    }

    /** Locks the circle if the caller may run it: 404 if he cannot see it, 403 if he sees but may not run it. */
    CircleView lockForManagement(UUID id, Caller caller) {
        CircleView circle = lock(id);
        requireManager(circle, caller);
        return circle;
    }

    void requireManager(CircleView circle, Caller caller) {
        if (!visible(circle, caller)) {
            throw Refusal.notFound("No circle with this id");
        }
        if (!manages(circle, caller)) {
            throw Refusal.forbidden("Only the circle's facilitators and admins can do this");
        }
    }

    /** Whether he runs the circle: one of its facilitators, or an admin. */
    public static boolean manages(CircleView circle, Caller caller) {
        return caller.roles().contains(Role.ADMIN)
                || (caller.can(Permission.CIRCLES_MANAGE) && circle.facilitators().stream().anyMatch(f -> f.id().equals(caller.person())));
    }

    boolean visible(CircleView circle, Caller caller) {
        if (caller.can(Permission.CIRCLES_VIEW_ALL) || caller.roles().contains(Role.ADMIN)) {
            return true;
        }
        if (circle.facilitators().stream().anyMatch(f -> f.id().equals(caller.person()))) {
            return true;
        }
        if (circle.openToJoin() && "ACTIVE".equals(circle.status())) {
            return true;
        }
        return circles.isMember(circle.id(), caller.person());
    }

    /** Whether the man is (now) a member of the circle. */
    boolean isMember(UUID circle, UUID person) {
        return circles.isMember(circle, person);
    }

    static void requireActive(CircleView circle) {
        if (!"ACTIVE".equals(circle.status())) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.CIRCLE_ARCHIVED, "The circle is archived: its history is read-only");
        }
    }

    void requireActivePeople(Set<UUID> persons, String field) {
        for (UUID person : persons) {
            if (!people.isActive(person)) {
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

    private static CircleRow row(UUID id, Definition d, String status, Instant createdAt, Instant updatedAt, @Nullable Instant archivedAt) {
        MeetingSchedule s = d.schedule();
        CircleView.Dues dues = d.dues();
        return new CircleRow(id, d.name().strip(), d.description() == null ? "" : d.description(), d.capacity(), d.openToJoin(),
                d.location(), d.videoLink(),
                s == null ? null : s.rrule(), s == null ? null : s.firstStart(), s == null ? null : s.zone().getId(), s == null ? null : s.minutes(),
                dues == null ? null : dues.amountCents(), dues == null ? null : dues.currency(), dues == null ? null : dues.interval(),
                status, createdAt, updatedAt, archivedAt);
    }

    private static CircleView view(CircleLine line, List<CircleView.PersonRef> facilitators) {
        CircleView.Schedule schedule = line.scheduleRrule() == null ? null : new CircleView.Schedule(line.scheduleRrule(),
                line.scheduleStart(), line.scheduleTimeZone(), line.meetingMinutes());
        CircleView.Dues dues = line.duesAmountCents() == null ? null
                : new CircleView.Dues(line.duesAmountCents(), line.duesCurrency(), line.duesInterval());
        long taken = line.memberCount() + line.offerCount();
        return new CircleView(line.id(), line.name(), line.description(), line.capacity(), line.openToJoin(), line.location(),
                line.videoLink(), facilitators, schedule, dues, line.status(), line.memberCount(), Math.max(0, line.capacity() - taken),
                line.createdAt(), line.archivedAt());
    }

    static MeetingSchedule scheduleOf(CircleView circle) {
        CircleView.Schedule s = circle.schedule();
        return s == null ? null : new MeetingSchedule(s.rrule(), s.firstStart(), MeetingSchedule.zone(s.timeZone()), s.minutes());
    }
}
