package io.hearth.gatherings;

import io.hearth.ErrorCode;
import io.hearth.gatherings.internal.EventLine;
import io.hearth.gatherings.internal.GatheringRepository;
import io.hearth.gatherings.internal.EventTypeRow;
import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.Role;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
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
@TenantBound
@Singleton
public class Gatherings {

    private final GatheringRepository events;
    private final Seats seats;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock;

    public Gatherings(GatheringRepository events, Seats seats, Outbox outbox, JsonMapper json, Clock clock) {
        this.events = events;
        this.seats = seats;
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

    @Transactional(readOnly = true)
    public List<EventType> types(Caller caller) {
        return events.findTypes().stream().map(t -> new EventType(t.code(), t.name(), t.builtin())).toList();
    }

    @Transactional
    public EventType addType(Caller caller, String code, String name) {
        if (events.existsById(code)) {
            throw Refusal.conflict("An event type with this code exists");
        }
        events.save(new EventTypeRow(code, name.strip(), false));
        outbox.publish(new GatheringEvent.EventTypeAdded(caller.tenant().id(), code, name, caller.person()));
        return new EventType(code, name.strip(), false);
    }

    // Events

    @Transactional
    public EventView create(Caller caller, Definition definition) {
        check(definition);
        UUID id = UUID.randomUUID();
        requireType(definition.type());
        events.insert(id, definition.type(), definition.title().strip(), nz(definition.description()), definition.startsAt(), definition.endsAt(),
                definition.timeZone(), nz(definition.venue()), definition.capacity(), definition.visibility(), definition.registrationOpensAt(),
                definition.registrationClosesAt(), priceJson(definition.priceOptions()), or(definition.holdMinutes(), 60),
                or(definition.offerHours(), 24), or(definition.cancellationCutoffHours(), 48), definition.participantsPerStaff(),
                or(definition.sensitiveRetentionDays(), 30), caller.person(), clock.instant());
        replaceQuestions(id, definition.questions());
        addWaivers(id, definition.waivers());
        events.addLead(id, caller.person());
        outbox.publish(new GatheringEvent.EventScheduled(caller.tenant().id(), id, definition.title(), definition.type(), definition.startsAt(),
                definition.capacity(), caller.person()));
        return load(id).orElseThrow();
    }

    /** Changes the event. Questions can change only before anyone registered; a changed waiver text becomes a new version. */
    @Transactional
    public EventView update(Caller caller, UUID id, Definition definition) {
        check(definition);
        EventView event = lockForManagement(id, caller);
        requireScheduled(event);
        requireType(definition.type());
        long taken = event.confirmed() + event.held() + event.offered();
        if (definition.capacity() < taken) {
            throw Refusal.invalid("capacity", "cannot be below the " + taken + " seats taken");
        }
        if (definition.questions() != null && !sameQuestions(event.questions(), definition.questions())) {
            if (events.hasRegistrations(id)) {
                throw Refusal.conflict("Registration questions cannot change once someone has registered");
            }
            replaceQuestions(id, definition.questions());
        }
        if (definition.waivers() != null) {
            List<Waiver> changed = new ArrayList<>();
            for (Waiver waiver : definition.waivers()) {
                boolean current = event.waivers().stream().anyMatch(w -> w.title().equals(waiver.title()) && w.body().equals(waiver.body()));
                if (!current) {
                    changed.add(waiver);
                }
            }
            addWaivers(id, changed);
        }
        events.change(id, definition.type(), definition.title().strip(), nz(definition.description()), definition.startsAt(), definition.endsAt(),
                definition.timeZone(), nz(definition.venue()), definition.capacity(), definition.visibility(), definition.registrationOpensAt(),
                definition.registrationClosesAt(), priceJson(definition.priceOptions()), or(definition.holdMinutes(), event.holdMinutes()),
                or(definition.offerHours(), event.offerHours()), or(definition.cancellationCutoffHours(), event.cancellationCutoffHours()),
                definition.participantsPerStaff(), or(definition.sensitiveRetentionDays(), event.sensitiveRetentionDays()), clock.instant());
        outbox.publish(new GatheringEvent.EventChanged(caller.tenant().id(), id, definition.capacity(), definition.startsAt(), caller.person()));
        // A raised capacity frees seats: offer them now, in this change.
        seats.settle(caller.tenant(), id);
        return load(id).orElseThrow();
    }

    /** Cancels the event: every open registration ends with the reason. Cancelling twice changes nothing. */
    @Transactional
    public EventView cancel(Caller caller, UUID id, String reason) {
        EventView event = lockForManagement(id, caller);
        if ("CANCELLED".equals(event.status())) {
            return event;
        }
        Instant now = clock.instant();
        events.cancelRegistrations(id, caller.person(), "event cancelled: " + reason, now);
        events.cancel(id, reason, now);
        outbox.publish(new GatheringEvent.EventCancelled(caller.tenant().id(), id, reason, caller.person()));
        return load(id).orElseThrow();
    }

    /** The event, for a signed-in man of the organisation: he sees every one. */
    @Transactional(readOnly = true)
    public EventView get(Caller caller, UUID id) {
        return load(id).orElseThrow(() -> Refusal.notFound("No event with this id"));
    }

    /** The event, for anyone on the open registration page: public ones only. */
    @Transactional(readOnly = true)
    public EventView getPublic(Tenant tenant, UUID id) {
        return load(id).filter(event -> "PUBLIC".equals(event.visibility())).orElseThrow(() -> Refusal.notFound("No event with this id"));
    }

    /** The event whoever asks: for work with no caller (a payment provider's webhook), never for an answer to a person. */
    @Transactional(readOnly = true)
    public Optional<EventView> find(UUID id) {
        return load(id);
    }

    /** Events the caller may see, by start time; filters by type, [from, to), status and, when given, a man on the staff. */
    @Transactional(readOnly = true)
    public Paged<EventView> list(Tenant tenant, @Nullable String type, @Nullable Instant from, @Nullable Instant to, @Nullable String status,
                                 boolean publicOnly, @Nullable UUID staffedBy, int page, int size) {
        List<UUID> ids = events.findIds(type, from, to, status, staffedBy, publicOnly, size, (long) page * size);
        return new Paged<>(loadAll(ids), page, size, events.countFiltered(type, from, to, status, staffedBy, publicOnly));
    }

    // What the rest of events needs

    Optional<EventView> load(UUID id) {
        return loadAll(List.of(id)).stream().findFirst();
    }

    /** The events with these ids, in this order, in three queries whatever their number. */
    List<EventView> loadAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<EventView.QuestionView>> questions = new HashMap<>();
        events.findQuestions(ids).forEach(q -> questions.computeIfAbsent(q.eventId(), k -> new ArrayList<>()).add(new EventView.QuestionView(
                q.id(), Questions.Kind.valueOf(q.kind()), q.label(), q.required(), strings(q.choices()))));
        Map<UUID, List<EventView.WaiverView>> waivers = new HashMap<>();
        events.findWaivers(ids).forEach(w -> waivers.computeIfAbsent(w.eventId(), k -> new ArrayList<>())
                .add(new EventView.WaiverView(w.id(), w.version(), w.title(), w.body())));
        Map<UUID, EventView> byId = new HashMap<>();
        events.findLines(ids).forEach(line -> byId.put(line.id(), view(line, questions.getOrDefault(line.id(), List.of()),
                waivers.getOrDefault(line.id(), List.of()))));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** Locks the event's row for the rest of the transaction: its seats cannot change under us. */
    EventView lock(UUID id) {
        events.lock(id).orElseThrow(() -> Refusal.notFound("No event with this id"));
        return load(id).orElseThrow();
    }

    EventView lockForManagement(UUID id, Caller caller) {
        EventView event = lock(id);
        requireManager(event, caller);
        return event;
    }

    /** Refuses unless the caller runs the event (its PTMs, admins): for other features' views of it (its payments). */
    @Transactional(readOnly = true)
    public void requireManager(Caller caller, UUID eventId) {
        EventView event = load(eventId).filter(e -> visible(e, caller)).orElseThrow(() -> Refusal.notFound("No event with this id"));
        requireManager(event, caller);
    }

    void requireManager(EventView event, Caller caller) {
        if (!manages(event.id(), caller)) {
            throw Refusal.forbidden("Only the event's PTMs and admins can do this");
        }
    }

    /** Admins run every event; a PTM runs the events he staffs. */
    boolean manages(UUID event, Caller caller) {
        return caller.roles().contains(Role.ADMIN) || (caller.can(Permission.EVENTS_MANAGE) && isStaff(event, caller.person()));
    }

    /**
     * Whether the caller may do the staff's work at this event (check-in, roster, care teams): he runs it, or he is on
     * its staff and still holds a role with {@code events.staff}. A place on the staff alone is not enough: revoking
     * his PTM role or deactivating him ends these rights on his next request.
     */
    /** The events he holds or is offered a seat at, or staffs, at any time: whose documents he reads. */
    @Transactional(readOnly = true)
    public List<UUID> attendedOrStaffed(UUID person) {
        return events.findIdsOf(person, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"));
    }

    /** Whether he runs the event (its PTMs, admins), for other features' rights over what belongs to it (its documents). */
    @Transactional(readOnly = true)
    public boolean runs(Caller caller, UUID eventId) {
        return manages(eventId, caller);
    }

    /** Whether he does the staff's work at the event (see below), for other features. */
    @Transactional(readOnly = true)
    public boolean staffs(Caller caller, UUID eventId) {
        return staffRights(eventId, caller);
    }

    boolean staffRights(UUID event, Caller caller) {
        return manages(event, caller) || (caller.can(Permission.EVENTS_STAFF) && isStaff(event, caller.person()));
    }

    boolean isStaff(UUID event, UUID person) {
        return events.isStaff(event, person);
    }

    /** The events he holds or is offered a seat at, or staffs, that overlap [from, to). */
    List<EventView> of(UUID person, Instant from, Instant to) {
        return loadAll(events.findIdsOf(person, from, to));
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
        for (EventView.PriceOption option : d.priceOptions()) {
            if (option.maxInstalments() > 1 && option.amountCents() < 100L * option.maxInstalments()) {
                throw Refusal.invalid("priceOptions", "instalments need a price of at least 1.00 per instalment: " + option.code());
            }
        }
        if (d.questions() != null) {
            for (Questions.Question q : d.questions()) {
                if (q.kind() == Questions.Kind.CHOICE && q.choices().size() < 2) {
                    throw Refusal.invalid("questions", "a CHOICE question needs at least two choices: " + q.label());
                }
            }
        }
    }

    private void requireType(String type) {
        if (!events.existsById(type)) {
            throw Refusal.invalid("type", "is not an event type of this organisation (GET /api/v1/event-types)");
        }
    }

    private void replaceQuestions(UUID event, @Nullable List<Questions.Question> questions) {
        if (questions == null) {
            return;
        }
        events.removeQuestions(event);
        int position = 0;
        for (Questions.Question q : questions) {
            events.addQuestion(UUID.randomUUID(), event, position++, q.kind().name(), q.label(), q.required(), write(q.choices()));
        }
    }

    private void addWaivers(UUID event, @Nullable List<Waiver> waivers) {
        if (waivers == null) {
            return;
        }
        for (Waiver waiver : waivers) {
            events.addWaiver(UUID.randomUUID(), event, events.nextWaiverVersion(event), waiver.title(), waiver.body(), clock.instant());
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

    private EventView view(EventLine line, List<EventView.QuestionView> questions, List<EventView.WaiverView> waivers) {
        return new EventView(line.id(), line.typeCode(), line.title(), line.description(), line.startsAt(), line.endsAt(), line.timeZone(),
                line.venue(), line.capacity(), line.visibility(), line.registrationOpensAt(), line.registrationClosesAt(),
                prices(line.priceOptions()), line.holdMinutes(), line.offerHours(), line.cancellationCutoffHours(), line.participantsPerStaff(),
                line.sensitiveRetentionDays(), questions, waivers, line.status(), line.cancelReason(), line.confirmed(), line.held(),
                line.offered(), line.waitlisted(), Math.max(0, line.capacity() - line.confirmed() - line.held() - line.offered()));
    }

    private List<String> strings(String jsonArray) {
        try {
            return json.readValue(jsonArray, Argument.listOf(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable question choices", e);
        }
    }

    private String write(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
