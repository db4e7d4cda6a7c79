package io.hearth.conversations;

import io.hearth.ErrorCode;
import io.hearth.circles.CircleView;
import io.hearth.circles.Circles;
import io.hearth.circles.Memberships;
import io.hearth.conversations.internal.BlockRepository;
import io.hearth.conversations.internal.ConversationRepository;
import io.hearth.conversations.internal.ConversationRow;
import io.hearth.conversations.internal.MessageRepository;
import io.hearth.conversations.internal.MessageRow;
import io.hearth.conversations.internal.ReadRepository;
import io.hearth.conversations.internal.RulesRepository;
import io.hearth.conversations.internal.RulesRow;
import io.hearth.gatherings.EventView;
import io.hearth.gatherings.Gatherings;
import io.hearth.gatherings.Staffing;
import io.hearth.identity.Audit;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.identity.Role;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The conversations a man is part of: his circle's chat (following his membership over time), the staff chats of the
 * events he staffs, his one-to-ones; who may start a one-to-one with whom; and who may read and write each.
 */
@TenantBound
@Singleton
public class Conversations {

    /** How long after an event ends its staff chat still shows in the staff's list. */
    private static final Duration STAFF_CHAT_AFTER_EVENT = Duration.ofDays(30);

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ReadRepository reads;
    private final BlockRepository blocks;
    private final RulesRepository rules;
    private final Circles circles;
    private final Memberships memberships;
    private final Gatherings events;
    private final Staffing staffing;
    private final People people;
    private final MessageViews views;
    private final Audit audit;
    private final Clock clock;

    public Conversations(ConversationRepository conversations, MessageRepository messages, ReadRepository reads, BlockRepository blocks,
                         RulesRepository rules, Circles circles, Memberships memberships, Gatherings events, Staffing staffing, People people,
                         MessageViews views, Audit audit, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.reads = reads;
        this.blocks = blocks;
        this.rules = rules;
        this.circles = circles;
        this.memberships = memberships;
        this.events = events;
        this.staffing = staffing;
        this.people = people;
        this.views = views;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A conversation as its reader sees it.
     *
     * @param personId      in a one-to-one, the other man
     * @param canPost       whether he may write now (a man who left his circle still reads what was written in his time)
     * @param lastOffset    the offset of the newest message in the conversation (the real-time stream's position)
     * @param unread        messages of others after his read marker, inside what he may read
     * @param participants  how many people are in it now ("seen by 4 of 6")
     */
    @Schema(name = "Conversation")
    @Serdeable
    public record Conversation(UUID id, ConversationKind kind, String title, @Nullable UUID circleId, @Nullable UUID eventId,
                               @Nullable UUID personId, boolean canPost, long lastOffset, String epoch, long unread, long readOffset,
                               @Nullable MessageViews.Message lastMessage, int participants, @Nullable Integer retentionDays) {
    }

    /**
     * What one man may do in one conversation.
     *
     * @param windows      when what he may read was written
     * @param canPost      whether he may write now
     * @param refusal      why not, when he may not
     * @param participants who is in it now
     */
    record Access(ConversationRow conversation, String title, List<Window> windows, boolean canPost, String refusal,
                  Set<UUID> participants, @Nullable UUID other) {

        String multirange() {
            return Window.multirange(windows);
        }
    }

    @Transactional
    public List<Conversation> mine(Caller caller) {
        List<Conversation> mine = new ArrayList<>();
        for (Access access : accessible(caller)) {
            mine.add(view(caller, access));
        }
        mine.sort(Comparator.comparing((Conversation c) -> c.lastMessage() == null ? Instant.EPOCH : c.lastMessage().sentAt()).reversed()
                .thenComparing(Conversation::title));
        return mine;
    }

    /** Every conversation he may read, with what he may do in each; a circle's or event's chat is opened on the way. */
    List<Access> accessible(Caller caller) {
        List<ConversationRow> rows = new ArrayList<>();
        Set<UUID> circleIds = new LinkedHashSet<>();
        memberships.stintsOf(caller.person()).forEach(stint -> circleIds.add(stint.circleId()));
        circleIds.addAll(circles.facilitatedBy(caller.person()));
        for (UUID circleId : circleIds) {
            rows.add(circleChat(circleId));
        }
        for (UUID eventId : staffing.staffedBy(caller.person(), clock.instant().minus(STAFF_CHAT_AFTER_EVENT))) {
            rows.add(staffChat(eventId));
        }
        rows.addAll(conversations.findDirectOf(caller.person()));
        List<Access> accessible = new ArrayList<>();
        for (ConversationRow row : rows) {
            access(caller, row).ifPresent(accessible::add);
        }
        return accessible;
    }

    @Transactional(readOnly = true)
    public Conversation get(Caller caller, UUID id) {
        return view(caller, readable(caller, id));
    }

    /** The circle a conversation is the chat of, if it is one: for notifications (no caller: a Kafka event names it). */
    @Transactional(readOnly = true)
    public Optional<UUID> circleOf(UUID conversationId) {
        return conversations.findById(conversationId).map(ConversationRow::circleId);
    }

    /** The circle's chat, for its members (past and present) and facilitators. */
    @Transactional
    public Conversation ofCircle(Caller caller, UUID circleId) {
        circles.get(caller, circleId);
        ConversationRow row = circleChat(circleId);
        return view(caller, access(caller, row).orElseThrow(() -> Refusal.notFound("No conversation of yours for this circle")));
    }

    /** The event's staff chat, for its staff and those who run events. */
    @Transactional
    public Conversation ofEvent(Caller caller, UUID eventId) {
        events.get(caller, eventId);
        ConversationRow row = staffChat(eventId);
        return view(caller, access(caller, row).orElseThrow(() -> Refusal.notFound("No staff conversation of yours for this event")));
    }

    /** Starts (or finds) his one-to-one with another man, if the organisation's rules let them talk. */
    @Transactional
    public Conversation startDirect(Caller caller, UUID other) {
        if (other.equals(caller.person())) {
            throw Refusal.invalid("personId", "is yourself");
        }
        if (!people.isActive(other)) {
            throw Refusal.notFound("No active person with this id");
        }
        // PostgreSQL orders uuids by their bytes, unsigned: as their text, not as Java's signed compareTo.
        UUID a = other.toString().compareTo(caller.person().toString()) < 0 ? other : caller.person();
        UUID b = a.equals(other) ? caller.person() : other;
        Optional<ConversationRow> existing = conversations.findByPersonAAndPersonB(a, b);
        if (existing.isEmpty() && !Routing.allows(rules(), party(caller, caller.person()), party(caller, other))) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.CONVERSATION_NOT_ALLOWED,
                    "The organisation's rules do not let you start a conversation with this person");
        }
        if (existing.isEmpty()) {
            conversations.openDirect(UUID.randomUUID(), a, b, UUID.randomUUID().toString(), clock.instant());
        }
        ConversationRow row = conversations.findByPersonAAndPersonB(a, b).orElseThrow();
        return view(caller, access(caller, row).orElseThrow());
    }

    @Transactional(readOnly = true)
    public DirectRules rules(Caller caller) {
        return rules();
    }

    @Transactional
    public DirectRules setRules(Caller caller, DirectRules value) {
        if (!caller.can(Permission.ORGANISATION_MANAGE)) {
            throw Refusal.forbidden("Only admins set the organisation's conversation rules");
        }
        rules.update(new RulesRow(true, value.memberWithCircle(), value.facilitatorWithMen(), value.facilitatorWithFacilitators(),
                value.facilitatorWithLeadership(), value.supportAndAdminsWithAnyone(), value.anyoneWithAnyone(), value.directReadReceipts(),
                value.retentionDays()));
        audit.byCaller(caller, AuditAction.CONVERSATION_RULES_CHANGED, null, Map.of("rules", value.toString()));
        return rules();
    }

    /** One of the people in a conversation now. */
    @Schema(name = "ConversationPerson")
    @Serdeable
    public record Person(UUID personId, String name) {
    }

    /**
     * Who is in the conversation now, by name (a thread shows which of them are online): for its people, and for those
     * who read it without being among them (an admin in a staff chat); not for a man who has left it.
     */
    @Transactional(readOnly = true)
    public List<Person> people(Caller caller, UUID id) {
        Access access = readable(caller, id);
        if (access.conversation().kind() == ConversationKind.CIRCLE && !access.participants().contains(caller.person())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.CONVERSATION_NOT_ALLOWED, "You are no longer in this circle");
        }
        Map<UUID, String> names = people.names(List.copyOf(access.participants()));
        return access.participants().stream().map(person -> new Person(person, names.getOrDefault(person, "Someone")))
                .sorted(Comparator.comparing(Person::name).thenComparing(Person::personId)).toList();
    }

    /**
     * A circle's own retention, set by its facilitators (and by admins who are in it); null keeps what the organisation
     * keeps. Admins set the organisation's retention in its rules.
     */
    @Transactional
    public Conversation setRetention(Caller caller, UUID id, @Nullable Integer days) {
        Access access = readable(caller, id);
        ConversationRow row = access.conversation();
        boolean allowed = caller.can(Permission.ORGANISATION_MANAGE) || (row.kind() == ConversationKind.CIRCLE
                && circles.facilitatedBy(caller.person()).contains(row.circleId()));
        if (!allowed) {
            throw Refusal.forbidden("Only the circle's facilitators and admins set how long its messages are kept");
        }
        conversations.setRetention(id, days);
        return view(caller, access(caller, conversations.findById(id).orElseThrow()).orElseThrow());
    }

    DirectRules rules() {
        RulesRow row = rules.findById(true).orElseThrow();
        return new DirectRules(row.memberWithCircle(), row.facilitatorWithMen(), row.facilitatorWithFacilitators(),
                row.facilitatorWithLeadership(), row.supportAndAdminsWithAnyone(), row.anyoneWithAnyone(), row.directReadReceipts(),
                row.retentionDays());
    }

    /** What he may do in the conversation; not found when he may not read it at all. */
    Access readable(Caller caller, UUID id) {
        return conversations.findById(id).flatMap(row -> access(caller, row))
                .orElseThrow(() -> Refusal.notFound("No conversation of yours has this id"));
    }

    /** A conversation an admin may moderate (an organisation channel), whether or not he reads it. */
    Optional<ConversationRow> moderated(Caller caller, UUID id) {
        return conversations.findById(id).filter(row -> row.kind() != ConversationKind.DIRECT && caller.can(Permission.MEMBERS_MANAGE));
    }

    /** Who is in a conversation now, whoever asks (a job erasing messages tells them). */
    Set<UUID> participants(ConversationRow row) {
        return switch (row.kind()) {
            case CIRCLE -> circles.find(row.circleId()).map(circle -> {
                Set<UUID> people = new HashSet<>(memberships.currentMembers(circle.id()));
                circle.facilitators().forEach(f -> people.add(f.id()));
                return (Set<UUID>) people;
            }).orElse(Set.of());
            case EVENT_STAFF -> new HashSet<>(staffing.staffIds(row.eventId()));
            case DIRECT -> Set.of(row.personA(), row.personB());
        };
    }

    Optional<Access> access(Caller caller, ConversationRow row) {
        UUID me = caller.person();
        return switch (row.kind()) {
            case CIRCLE -> circles.find(row.circleId()).flatMap(circle -> circleAccess(me, row, circle));
            case EVENT_STAFF -> events.find(row.eventId()).flatMap(event -> staffAccess(caller, row, event));
            case DIRECT -> directAccess(me, row);
        };
    }

    private Optional<Access> circleAccess(UUID me, ConversationRow row, CircleView circle) {
        Set<UUID> participants = new HashSet<>(memberships.currentMembers(circle.id()));
        circle.facilitators().forEach(f -> participants.add(f.id()));
        boolean active = "ACTIVE".equals(circle.status());
        if (circle.facilitators().stream().anyMatch(f -> f.id().equals(me))) {
            return Optional.of(new Access(row, circle.name(), List.of(Window.ALWAYS), active, "The circle is archived", participants, null));
        }
        List<Window> windows = memberships.stintsOf(me).stream().filter(stint -> stint.circleId().equals(circle.id()))
                .map(stint -> new Window(stint.joinedAt(), stint.leftAt())).toList();
        if (windows.isEmpty()) {
            return Optional.empty();
        }
        boolean current = windows.stream().anyMatch(w -> w.until() == null);
        return Optional.of(new Access(row, circle.name(), windows, active && current,
                current ? "The circle is archived" : "You are no longer in this circle", participants, null));
    }

    private Optional<Access> staffAccess(Caller caller, ConversationRow row, EventView event) {
        Set<UUID> participants = new HashSet<>(staffing.staffIds(event.id()));
        if (!participants.contains(caller.person()) && !caller.can(Permission.EVENTS_MANAGE)) {
            return Optional.empty();
        }
        return Optional.of(new Access(row, event.title() + " · staff", List.of(Window.ALWAYS), true, "", participants, null));
    }

    private Optional<Access> directAccess(UUID me, ConversationRow row) {
        if (!me.equals(row.personA()) && !me.equals(row.personB())) {
            return Optional.empty();
        }
        UUID other = me.equals(row.personA()) ? row.personB() : row.personA();
        boolean blocked = blocks.blockedBy(me).contains(other) || blocks.blockedBy(other).contains(me);
        String name = people.names(List.of(other)).getOrDefault(other, "Someone");
        return Optional.of(new Access(row, name, List.of(Window.ALWAYS), !blocked,
                "One of you has blocked the other", Set.of(row.personA(), row.personB()), other));
    }

    private Conversation view(Caller caller, Access access) {
        ConversationRow row = access.conversation();
        String windows = access.multirange();
        long readOffset = reads.offsetOf(row.id(), caller.person()).orElse(0L);
        Optional<MessageRow> last = messages.last(row.id(), windows);
        long unread = last.isEmpty() ? 0 : messages.unread(row.id(), windows, readOffset, caller.person());
        MessageViews.Message lastMessage = last.map(message -> views.of(caller.tenant(), List.of(message), Map.of(), false).get(0)).orElse(null);
        return new Conversation(row.id(), row.kind(), access.title(), row.circleId(), row.eventId(), access.other(), access.canPost(),
                row.lastOffset(), row.epoch(), unread, readOffset, lastMessage, access.participants().size(), row.retentionDays());
    }

    private ConversationRow circleChat(UUID circleId) {
        return conversations.findByCircleId(circleId).orElseGet(() -> {
            conversations.openForCircle(UUID.randomUUID(), circleId, UUID.randomUUID().toString(), clock.instant());
            return conversations.findByCircleId(circleId).orElseThrow();
        });
    }

    private ConversationRow staffChat(UUID eventId) {
        return conversations.findByEventId(eventId).orElseGet(() -> {
            conversations.openForEvent(UUID.randomUUID(), eventId, UUID.randomUUID().toString(), clock.instant());
            return conversations.findByEventId(eventId).orElseThrow();
        });
    }

    private Routing.Party party(Caller caller, UUID person) {
        Set<Role> roles = person.equals(caller.person()) ? caller.roles() : people.liveRoles(caller, person);
        UUID circle = memberships.stintsOf(person).stream().filter(s -> s.leftAt() == null).map(Memberships.Stint::circleId)
                .findFirst().orElse(null);
        return new Routing.Party(person, roles, circle, Set.copyOf(circles.facilitatedBy(person)), Set.copyOf(blocks.blockedBy(person)));
    }
}
