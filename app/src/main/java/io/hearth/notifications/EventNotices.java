package io.hearth.notifications;

import io.hearth.circles.CircleEvent;
import io.hearth.circles.CircleView;
import io.hearth.circles.Circles;
import io.hearth.circles.Memberships;
import io.hearth.conversations.Announcements;
import io.hearth.conversations.ConversationEvent;
import io.hearth.conversations.ConversationKind;
import io.hearth.conversations.Conversations;
import io.hearth.gatherings.EventView;
import io.hearth.gatherings.GatheringEvent;
import io.hearth.gatherings.Gatherings;
import io.hearth.gatherings.Registrations;
import io.hearth.gatherings.Staffing;
import io.hearth.helpdesk.TicketEvent;
import io.hearth.helpdesk.TicketStatus;
import io.hearth.helpdesk.Tickets;
import io.hearth.identity.IdentityEvent;
import io.hearth.outreach.Outreach;
import io.hearth.outreach.OutreachEvent;
import io.hearth.identity.People;
import io.hearth.identity.Role;
import io.hearth.payments.PaymentEvent;
import io.hearth.polls.PollEvent;
import io.hearth.polls.Polls;
import io.hearth.realtime.Presence;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What each domain event tells whom: the rules from circles', events', payments', conversations' and identity's facts to
 * notices for the men they concern. Each notice's source is the event's id (with a suffix where one event tells two
 * things), so a redelivered event notifies no one twice. An event whose subject is gone (an archived circle's
 * request) tells nobody.
 */
@TenantBound
@Singleton
public class EventNotices {

    private final Notifications notifications;
    private final Circles circles;
    private final Memberships memberships;
    private final Gatherings gatherings;
    private final Registrations registrations;
    private final Staffing staffing;
    private final Announcements announcements;
    private final Conversations conversations;
    private final People people;
    private final Presence presence;
    private final Polls polls;
    private final Tickets tickets;
    private final Outreach outreach;

    public EventNotices(Notifications notifications, Circles circles, Memberships memberships, Gatherings gatherings, Registrations registrations,
                        Staffing staffing, Announcements announcements, Conversations conversations, People people, Presence presence,
                        Polls polls, Tickets tickets, Outreach outreach) {
        this.outreach = outreach;
        this.polls = polls;
        this.tickets = tickets;
        this.conversations = conversations;
        this.notifications = notifications;
        this.circles = circles;
        this.memberships = memberships;
        this.gatherings = gatherings;
        this.registrations = registrations;
        this.staffing = staffing;
        this.announcements = announcements;
        this.people = people;
        this.presence = presence;
    }

    @Transactional
    public void circle(Tenant tenant, UUID eventId, CircleEvent event) {
        String source = eventId.toString();
        if (event instanceof CircleEvent.JoinRequested e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant, facilitators(circle),
                    new Notice(NotificationKind.JOIN_REQUEST, source, true, Text.of("join.requested.title", "man", name(e.personId()), "circle", circle.name()),
                            Text.of("join.requested.body"), "/facilitate/" + circle.id())));
        } else if (event instanceof CircleEvent.JoinRequestApproved e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant, List.of(e.personId()),
                    new Notice(NotificationKind.JOIN_DECIDED, source, true, Text.of("join.approved.title", "circle", circle.name()),
                            Text.of("join.approved.body"), "/circle")));
        } else if (event instanceof CircleEvent.JoinRequestDeclined e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant, List.of(e.personId()),
                    new Notice(NotificationKind.JOIN_DECIDED, source, true, Text.of("join.declined.title", "circle", circle.name()),
                            Text.of("join.declined.body"), "/circles")));
        } else if (event instanceof CircleEvent.CircleSeatOffered e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant, List.of(e.personId()),
                    new Notice(NotificationKind.SEAT_OFFERED, source, true, Text.of("circle.seat.title", "circle", circle.name()),
                            Text.of("circle.seat.body"), "/circles")));
        } else if (event instanceof CircleEvent.TransferRequested e) {
            circle(e.toCircleId()).ifPresent(to -> {
                Set<UUID> deciders = new HashSet<>(facilitators(to));
                circle(e.fromCircleId()).ifPresent(from -> deciders.addAll(facilitators(from)));
                notifications.notify(tenant, deciders, new Notice(NotificationKind.TRANSFER, source, true,
                        Text.of("transfer.requested.title", "man", name(e.personId()), "circle", to.name()), Text.of("transfer.requested.body"),
                        "/facilitate/" + to.id()));
            });
        } else if (event instanceof CircleEvent.MemberMovedCircle e) {
            circle(e.toCircleId()).ifPresent(to -> notifications.notify(tenant, List.of(e.personId()),
                    new Notice(NotificationKind.TRANSFER, source, true, Text.of("transfer.moved.title", "circle", to.name()), Text.of("transfer.moved.body"),
                            "/circle")));
        } else if (event instanceof CircleEvent.MeetingMoved e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant, everyoneIn(circle, e.by()),
                    new Notice(NotificationKind.MEETING_CHANGED, source, false, Text.of("meeting.moved.title", "circle", circle.name()),
                            Text.of("meeting.moved.body", "from", when(e.plannedStart(), organisationZone()), "to", when(e.newStart(), organisationZone())),
                            "/circle")));
        } else if (event instanceof CircleEvent.MeetingCancelled e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant, everyoneIn(circle, e.by()),
                    new Notice(NotificationKind.MEETING_CHANGED, source, false, Text.of("meeting.cancelled.title", "circle", circle.name()),
                            Text.of("meeting.cancelled.body", "when", when(e.plannedStart(), organisationZone())), "/circle")));
        } else if (event instanceof CircleEvent.MeetingArranged e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant, everyoneIn(circle, e.by()),
                    new Notice(NotificationKind.MEETING_CHANGED, source, false, Text.of("meeting.arranged.title", "circle", circle.name()),
                            Text.of("meeting.arranged.body", "when", when(e.startsAt(), organisationZone())), "/circle")));
        } else if (event instanceof CircleEvent.MemberAbsenceStreakReached e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant,
                    e.facilitatorIds(), new Notice(NotificationKind.ABSENCE_STREAK, source, true,
                            Text.of("absence.title", "man", name(e.personId()), "streak", e.streak()),
                            Text.of("absence.body"), "/facilitate/" + circle.id())));
        }
        // Other facts of circles tell nobody.
    }

    @Transactional
    public void gathering(Tenant tenant, UUID eventId, GatheringEvent event) {
        String source = eventId.toString();
        if (event instanceof GatheringEvent.RegistrationConfirmed e) {
            gathering(e.eventId()).ifPresent(g -> notifications.notify(tenant, List.of(e.personId()),
                    new Notice(NotificationKind.REGISTRATION_CONFIRMED, source, true, Text.of("registered.title", "event", g.title()),
                            Text.of("registered.body", "when", when(g.startsAt(), ZoneId.of(g.timeZone())), "venue", g.venue()), "/events/" + g.id())));
        } else if (event instanceof GatheringEvent.WaitlistSeatOffered e) {
            registrations.find(e.registrationId()).flatMap(r -> gathering(r.eventId())
                    .map(g -> notifications.notify(tenant, List.of(r.personId()), new Notice(NotificationKind.SEAT_OFFERED, source, true,
                            Text.of("waitlist.title", "event", g.title()), Text.of("waitlist.body", "until", when(e.offerUntil(), ZoneId.of(g.timeZone()))),
                            "/events/" + g.id()))));
        } else if (event instanceof GatheringEvent.EventChanged e) {
            gathering(e.eventId()).ifPresent(g -> notifications.notify(tenant, without(comingAndStaff(g), e.by()),
                    new Notice(NotificationKind.EVENT_CHANGED, source, false, Text.of("event.changed.title", "event", g.title()),
                            Text.of("event.changed.body", "when", when(g.startsAt(), ZoneId.of(g.timeZone())), "venue", g.venue()), "/events/" + g.id())));
        } else if (event instanceof GatheringEvent.EventCancelled e) {
            gathering(e.eventId()).ifPresent(g -> notifications.notify(tenant, without(comingAndStaff(g), e.by()),
                    new Notice(NotificationKind.EVENT_CHANGED, source, false, Text.of("event.cancelled.title", "event", g.title()),
                            e.reason() == null || e.reason().isBlank() ? Text.of("event.cancelled.body") : Text.verbatim(e.reason()), "/events/" + g.id())));
        } else if (event instanceof GatheringEvent.CareTeamAssigned e) {
            registrations.find(e.registrationId()).flatMap(r -> gathering(r.eventId())
                    .map(g -> notifications.notify(tenant, List.of(r.personId()), new Notice(NotificationKind.CARE_TEAM, source, true,
                            Text.of("care.assigned.title", "event", g.title()), Text.of("care.assigned.body"), "/events/" + g.id()))));
        } else if (event instanceof GatheringEvent.CareTeamFormed e) {
            gathering(e.eventId()).ifPresent(g -> notifications.notify(tenant, List.of(e.staffId()),
                    new Notice(NotificationKind.CARE_TEAM, source, true, Text.of("care.formed.title", "event", g.title()),
                            Text.of("care.formed.body"), "/staff/" + g.id())));
        } else if (event instanceof GatheringEvent.StaffAssigned e) {
            gathering(e.eventId()).ifPresent(g -> notifications.notify(tenant, without(List.of(e.personId()), e.by()),
                    new Notice(NotificationKind.ROLE_CHANGED, source, true, Text.of("staff.title", "event", g.title()),
                            Text.of("staff.body", "role", Text.of("staff.role." + e.role().name())), "/staff/" + g.id())));
        }
        // Other facts of events tell nobody.
    }

    @Transactional
    public void payment(Tenant tenant, UUID eventId, PaymentEvent event) {
        String source = eventId.toString();
        if (event instanceof PaymentEvent.PaymentSucceeded e) {
            Text.Money amount = new Text.Money(e.amountCents(), e.currency());
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.PAYMENT_RECEIVED, source, true,
                    Text.of("payment.title", "amount", amount), e.instalments() > 1
                    ? Text.of("payment.body.instalments", "amount", amount, "instalments", e.instalments(), "reference", e.paymentId())
                    : Text.of("payment.body", "amount", amount, "reference", e.paymentId()), "/payments"));
        } else if (event instanceof PaymentEvent.InstalmentPaid e) {
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.PAYMENT_RECEIVED, source, true,
                    Text.of("instalment.paid.title", "number", e.number(), "of", e.of(), "amount", new Text.Money(e.amountCents(), e.currency())),
                    Text.of("instalment.paid.body", "reference", e.paymentId()), "/payments"));
        } else if (event instanceof PaymentEvent.InstalmentFailed e) {
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.PAYMENT_FAILED, source, true,
                    Text.of("instalment.failed.title", "number", e.number(), "of", e.of()),
                    Text.of("instalment.failed.body", "amount", new Text.Money(e.amountCents(), e.currency()), "next", when(e.nextAttemptAt(), organisationZone())),
                    "/payments"));
        } else if (event instanceof PaymentEvent.DuesPaymentFailed e) {
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.PAYMENT_FAILED, source, true,
                    Text.of("dues.failed.title"), Text.of("dues.failed.body", "amount", new Text.Money(e.amountCents(), e.currency())), "/payments"));
        } else if (event instanceof PaymentEvent.RefundIssued e) {
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.REFUND, source, true,
                    Text.of("refund.title", "amount", new Text.Money(e.amountCents(), e.currency())), Text.of("refund.body", "reference", e.paymentId()),
                    "/payments"));
        }
        // Other facts of payments tell nobody.
    }

    @Transactional
    public void conversation(Tenant tenant, UUID eventId, ConversationEvent event) {
        String source = eventId.toString();
        if (event instanceof ConversationEvent.MessagePosted e) {
            List<UUID> away = new ArrayList<>();
            List<UUID> others = without(e.recipients(), e.authorId());
            if (!others.isEmpty()) {
                presence.of(tenant.id(), others).forEach((person, status) -> {
                    if (Presence.OFFLINE.equals(status)) {
                        away.add(person);
                    }
                });
            }
            notifications.notify(tenant, away, new Notice(NotificationKind.MESSAGE, source, e.kind() == ConversationKind.DIRECT,
                    Text.of("message.title", "man", name(e.authorId())), Text.of("message.body." + e.kind().name()),
                    "/chats/" + e.conversationId()).ofCircle(e.kind() == ConversationKind.CIRCLE ? conversations.circleOf(e.conversationId()).orElse(null) : null));
        } else if (event instanceof ConversationEvent.AnnouncementPosted e) {
            announcements.reach(tenant, e.announcementId()).ifPresent(reach ->
                    notifications.notify(tenant, reach.readers(), new Notice(NotificationKind.ANNOUNCEMENT, source, false, Text.verbatim(reach.title()),
                            announcementBody(reach), "/announcements/" + e.announcementId()).ofCircle(e.circleId())));
        }
        // Edits, removals and comments tell nobody.
    }

    /**
     * A poll opened tells everyone it asks but the asker; its reminder, those who have not answered; its close, everyone
     * but who closed it, except a circle's meeting-time poll that arranged a meeting (circles tell of the meeting).
     */
    @Transactional
    public void poll(Tenant tenant, UUID eventId, PollEvent event) {
        String source = eventId.toString();
        if (event instanceof PollEvent.PollOpened e) {
            notifications.notify(tenant, without(new HashSet<>(polls.audience(e.pollId())), e.by()), new Notice(NotificationKind.POLL, source, false,
                    Text.of("poll.opened.title", "man", name(e.by()), "question", e.question()),
                    e.deadline() == null ? Text.of("poll.opened.body") : Text.of("poll.deadline.body", "deadline", when(e.deadline(), organisationZone())),
                    "/polls/" + e.pollId()));
        } else if (event instanceof PollEvent.PollReminderDue e) {
            notifications.notify(tenant, e.unanswered(), new Notice(NotificationKind.POLL, source, false,
                    Text.of("poll.reminder.title", "question", e.question()),
                    Text.of("poll.reminder.body", "deadline", when(e.deadline(), organisationZone())), "/polls/" + e.pollId()));
        } else if (event instanceof PollEvent.PollClosed e && e.meetingStart() == null) {
            Object chosen = e.chosenLabel() != null ? e.chosenLabel() : e.chosenStart() != null ? when(e.chosenStart(), organisationZone()) : null;
            notifications.notify(tenant, without(new HashSet<>(polls.audience(e.pollId())), e.by()), new Notice(NotificationKind.POLL, source, false,
                    Text.of("poll.closed.title", "question", e.question()),
                    chosen == null ? Text.of("poll.closed.none.body") : Text.of("poll.closed.body", "chosen", chosen), "/polls/" + e.pollId()));
        }
        // A meeting-time poll that arranged a meeting tells nothing itself: circles' MeetingArranged or MeetingMoved does.
    }

    /**
     * A ticket opened tells its handlers (support, or for a care ticket only those trained for it); the member's reply
     * tells its assignee, or its handlers while no one has it; an internal note tells its assignee; a handler's reply
     * and its solving tell the member (the reply itself reaches him as a mail he can answer); an assignment tells the
     * man assigned. No notice carries the ticket's subject or words.
     */
    @Transactional
    public void helpdesk(Tenant tenant, UUID eventId, TicketEvent event) {
        String source = eventId.toString();
        if (event instanceof TicketEvent.TicketOpened e) {
            tickets.parties(e.ticketId()).ifPresent(t -> notifications.notify(tenant, without(tickets.handlers(e.care()), e.requesterId()),
                    new Notice(NotificationKind.TICKET, source, false, Text.of("ticket.opened.title", "number", e.number()),
                            Text.of("ticket.opened.body", "category", t.categoryName()), "/tickets/" + e.ticketId())));
        } else if (event instanceof TicketEvent.TicketReplied e) {
            Optional<Tickets.Parties> parties = tickets.parties(e.ticketId());
            if (parties.isEmpty()) {
                return;
            }
            Tickets.Parties t = parties.get();
            if (e.byRequester()) {
                List<UUID> to = t.assigneeId() != null ? List.of(t.assigneeId()) : without(tickets.handlers(e.care()), t.requesterId());
                notifications.notify(tenant, to, new Notice(NotificationKind.TICKET, source, true,
                        Text.of("ticket.replied.title", "number", e.number()), Text.of("ticket.replied.body", "man", name(t.requesterId())),
                        "/tickets/" + e.ticketId()));
            } else if (e.internal()) {
                if (t.assigneeId() != null && !t.assigneeId().equals(e.authorId())) {
                    notifications.notify(tenant, List.of(t.assigneeId()), new Notice(NotificationKind.TICKET, source, true,
                            Text.of("ticket.note.title", "number", e.number()), Text.of("ticket.note.body", "man", name(e.authorId())),
                            "/tickets/" + e.ticketId()));
                }
            } else {
                notifications.notify(tenant, List.of(t.requesterId()), new Notice(NotificationKind.TICKET, source, true,
                        Text.of("ticket.answered.title", "number", e.number()), Text.of("ticket.answered.body"), "/tickets/" + e.ticketId()));
            }
        } else if (event instanceof TicketEvent.TicketAssigned e && e.assigneeId() != null && !e.assigneeId().equals(e.by())) {
            notifications.notify(tenant, List.of(e.assigneeId()), new Notice(NotificationKind.TICKET, source, true,
                    Text.of("ticket.assigned.title", "number", e.number()), Text.of("ticket.assigned.body", "man", name(e.by())),
                    "/tickets/" + e.ticketId()));
        } else if (event instanceof TicketEvent.TicketStatusChanged e && e.status() == TicketStatus.SOLVED) {
            tickets.parties(e.ticketId()).filter(t -> !t.requesterId().equals(e.by())).ifPresent(t -> notifications.notify(tenant,
                    List.of(t.requesterId()), new Notice(NotificationKind.TICKET, source, true, Text.of("ticket.solved.title", "number", e.number()),
                            Text.of("ticket.solved.body"), "/tickets/" + e.ticketId())));
        }
    }

    /**
     * The warm-invite chain: the member who brought a contact is told when the contact answers an invitation, and asked
     * to follow up when he has not answered for days. Organisers read the rest in the campaign's report.
     */
    @Transactional
    public void outreach(Tenant tenant, UUID eventId, OutreachEvent event) {
        String source = eventId.toString();
        if (event instanceof OutreachEvent.ContactAnswered e && e.invitedBy() != null) {
            outreach.names(e.contactId(), e.campaignId()).ifPresent(names -> notifications.notify(tenant, List.of(e.invitedBy()),
                    new Notice(NotificationKind.OUTREACH, source, true, Text.of("outreach.answered.title", "contact", names[0], "campaign", names[1]),
                            Text.of("outreach.answered." + e.answer().toLowerCase(java.util.Locale.ROOT) + ".body", "contact", names[0]), "/outreach")));
        } else if (event instanceof OutreachEvent.FollowUpDue e) {
            outreach.names(e.contactId(), e.campaignId()).ifPresent(names -> notifications.notify(tenant, List.of(e.invitedBy()),
                    new Notice(NotificationKind.OUTREACH, source, true, Text.of("outreach.followup.title", "contact", names[0]),
                            Text.of("outreach.followup.body", "contact", names[0], "campaign", names[1]), "/outreach")));
        }
    }

    private Optional<CircleView> circle(UUID id) {
        return circles.find(id);
    }

    private Optional<EventView> gathering(UUID id) {
        return gatherings.find(id);
    }

    private static List<UUID> facilitators(CircleView circle) {
        return circle.facilitators().stream().map(CircleView.PersonRef::id).toList();
    }

    private List<UUID> everyoneIn(CircleView circle, UUID but) {
        Set<UUID> all = new HashSet<>(memberships.currentMembers(circle.id()));
        all.addAll(facilitators(circle));
        return without(all, but);
    }

    private List<UUID> comingAndStaff(EventView event) {
        Set<UUID> all = new HashSet<>(registrations.peopleComing(event.id()));
        all.addAll(staffing.staffIds(event.id()));
        return List.copyOf(all);
    }

    private static List<UUID> without(java.util.Collection<UUID> men, UUID but) {
        return men.stream().filter(man -> !man.equals(but)).distinct().toList();
    }

    /** A role granted or taken away tells the man it concerns (not when he did it himself). */
    @Transactional
    public void identity(Tenant tenant, UUID eventId, IdentityEvent event) {
        String source = eventId.toString();
        if (event instanceof IdentityEvent.RoleGranted e && !e.personId().equals(e.by())) {
            Text role = roleName(e.role());
            Object by = name(e.by());
            Notice notice = e.validUntil() == null
                    ? new Notice(NotificationKind.ROLE_CHANGED, source, true, Text.of("role.granted.title", "role", role),
                            Text.of("role.granted.body", "by", by), "/profile")
                    : new Notice(NotificationKind.ROLE_CHANGED, source, true,
                            Text.of("role.granted.title.until", "role", role, "until", when(e.validUntil(), zoneOf(e.personId()))),
                            Text.of("role.granted.body.until", "by", by, "until", when(e.validUntil(), zoneOf(e.personId()))), "/profile");
            notifications.notify(tenant, List.of(e.personId()), notice);
        } else if (event instanceof IdentityEvent.RoleEnding e) {
            Text.When until = when(e.validUntil(), zoneOf(e.personId()));
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.ROLE_CHANGED, source, true,
                    Text.of("role.ending.title", "until", until), Text.of("role.ending.body", "role", roleName(e.role()), "until", until), "/profile"));
        } else if (event instanceof IdentityEvent.EmailBounced e) {
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.ACCOUNT, source, true,
                    Text.of("bounced.title"), Text.of("bounced.body"), "/profile"));
        } else if (event instanceof IdentityEvent.RoleRevoked e && !e.personId().equals(e.by())) {
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.ROLE_CHANGED, source, true,
                    Text.of("role.revoked.title", "role", roleName(e.role())), Text.of("role.revoked.body", "by", name(e.by())), "/profile"));
        }
    }

    /** Who wrote it and the start of what it says (the rest is a tap away): a mail or a push worth reading. */
    private static Text announcementBody(Announcements.Reach reach) {
        String text = reach.text().strip();
        String start = text.length() > 280 ? text.substring(0, 279).stripTrailing() + "…" : text;
        // A man whose name is gone (erased) is "someone" in the reader's language; what he wrote stays as written.
        Object author = reach.authorName() != null ? reach.authorName() : Text.of("someone");
        return start.isEmpty() ? Text.of("announcement.from", "man", author) : Text.of("announcement.start", "man", author, "text", start);
    }

    /** "a member", "on the production team": the role as a sentence says it. */
    private static Text roleName(Role role) {
        return Text.of("role." + role.name());
    }

    /** His name as people know him; his name is his in every language, "someone" is not. */
    private Object name(UUID person) {
        String name = people.names(List.of(person)).get(person);
        return name != null ? name : Text.of("someone");
    }

    private ZoneId organisationZone() {
        return ZoneId.of(people.timeZone());
    }

    /** His own clock (his profile's zone, else the organisation's): a notice for one man reads his time. */
    private ZoneId zoneOf(UUID man) {
        return people.timeZonesOf(List.of(man)).get(man);
    }

    private static Text.When when(Instant instant, ZoneId zone) {
        return new Text.When(instant, zone);
    }

}
