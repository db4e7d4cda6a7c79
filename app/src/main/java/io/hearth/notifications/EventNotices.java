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
import io.hearth.identity.IdentityEvent;
import io.hearth.identity.People;
import io.hearth.identity.Role;
import io.hearth.payments.PaymentEvent;
import io.hearth.realtime.Presence;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.UK);

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

    public EventNotices(Notifications notifications, Circles circles, Memberships memberships, Gatherings gatherings, Registrations registrations,
                        Staffing staffing, Announcements announcements, Conversations conversations, People people, Presence presence) {
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
                    new Notice(NotificationKind.JOIN_REQUEST, source, true, name(e.personId()) + " asks to join " + circle.name(),
                            "Open the request to welcome him or say no.", "/facilitate/" + circle.id())));
        } else if (event instanceof CircleEvent.JoinRequestApproved e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant, List.of(e.personId()),
                    new Notice(NotificationKind.JOIN_DECIDED, source, true, "Welcome to " + circle.name(),
                            "Your request to join was approved.", "/circle")));
        } else if (event instanceof CircleEvent.JoinRequestDeclined e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant, List.of(e.personId()),
                    new Notice(NotificationKind.JOIN_DECIDED, source, true, circle.name() + " cannot take you now",
                            "Your request to join was declined. Other circles may have a seat.", "/circles")));
        } else if (event instanceof CircleEvent.CircleSeatOffered e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant, List.of(e.personId()),
                    new Notice(NotificationKind.SEAT_OFFERED, source, true, "A seat is free in " + circle.name(),
                            "You were waiting for it: take it before someone else does.", "/circles")));
        } else if (event instanceof CircleEvent.TransferRequested e) {
            circle(e.toCircleId()).ifPresent(to -> {
                Set<UUID> deciders = new HashSet<>(facilitators(to));
                circle(e.fromCircleId()).ifPresent(from -> deciders.addAll(facilitators(from)));
                notifications.notify(tenant, deciders, new Notice(NotificationKind.TRANSFER, source, true,
                        name(e.personId()) + " asks to move to " + to.name(), "Open the request to decide.", "/facilitate/" + to.id()));
            });
        } else if (event instanceof CircleEvent.MemberMovedCircle e) {
            circle(e.toCircleId()).ifPresent(to -> notifications.notify(tenant, List.of(e.personId()),
                    new Notice(NotificationKind.TRANSFER, source, true, "You moved to " + to.name(), "Your move was approved.", "/circle")));
        } else if (event instanceof CircleEvent.MeetingMoved e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant, everyoneIn(circle, e.by()),
                    new Notice(NotificationKind.MEETING_CHANGED, source, false, circle.name() + ": the meeting moved",
                            "From " + when(e.plannedStart(), organisationZone()) + " to " + when(e.newStart(), organisationZone()) + ".", "/circle")));
        } else if (event instanceof CircleEvent.MeetingCancelled e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant, everyoneIn(circle, e.by()),
                    new Notice(NotificationKind.MEETING_CHANGED, source, false, circle.name() + ": a meeting is cancelled",
                            "The meeting of " + when(e.plannedStart(), organisationZone()) + " will not take place.", "/circle")));
        } else if (event instanceof CircleEvent.MemberAbsenceStreakReached e) {
            circle(e.circleId()).ifPresent(circle -> notifications.notify(tenant,
                    e.facilitatorIds(), new Notice(NotificationKind.ABSENCE_STREAK, source, true,
                            name(e.personId()) + " has missed " + e.streak() + " meetings in a row",
                            "A call from you may mean a lot to him.", "/facilitate/" + circle.id())));
        }
        // Other facts of circles tell nobody.
    }

    @Transactional
    public void gathering(Tenant tenant, UUID eventId, GatheringEvent event) {
        String source = eventId.toString();
        if (event instanceof GatheringEvent.RegistrationConfirmed e) {
            gathering(e.eventId()).ifPresent(g -> notifications.notify(tenant, List.of(e.personId()),
                    new Notice(NotificationKind.REGISTRATION_CONFIRMED, source, true, "You're registered for " + g.title(),
                            when(g.startsAt(), ZoneId.of(g.timeZone())) + ", " + g.venue() + ".", "/events/" + g.id())));
        } else if (event instanceof GatheringEvent.WaitlistSeatOffered e) {
            registrations.find(e.registrationId()).flatMap(r -> gathering(r.eventId())
                    .map(g -> notifications.notify(tenant, List.of(r.personId()), new Notice(NotificationKind.SEAT_OFFERED, source, true,
                            "A seat is yours at " + g.title(), "Take it before " + when(e.offerUntil(), ZoneId.of(g.timeZone()))
                            + "; after that it goes to the next man waiting.", "/events/" + g.id()))));
        } else if (event instanceof GatheringEvent.EventChanged e) {
            gathering(e.eventId()).ifPresent(g -> notifications.notify(tenant, without(comingAndStaff(g), e.by()),
                    new Notice(NotificationKind.EVENT_CHANGED, source, false, g.title() + " changed",
                            "It starts " + when(g.startsAt(), ZoneId.of(g.timeZone())) + ", " + g.venue() + ".", "/events/" + g.id())));
        } else if (event instanceof GatheringEvent.EventCancelled e) {
            gathering(e.eventId()).ifPresent(g -> notifications.notify(tenant, without(comingAndStaff(g), e.by()),
                    new Notice(NotificationKind.EVENT_CHANGED, source, false, g.title() + " is cancelled",
                            e.reason() == null || e.reason().isBlank() ? "It will not take place." : e.reason(), "/events/" + g.id())));
        } else if (event instanceof GatheringEvent.CareTeamAssigned e) {
            registrations.find(e.registrationId()).flatMap(r -> gathering(r.eventId())
                    .map(g -> notifications.notify(tenant, List.of(r.personId()), new Notice(NotificationKind.CARE_TEAM, source, true,
                            "Your care team at " + g.title(), "You have a care team for the event: see who is in it.", "/events/" + g.id()))));
        } else if (event instanceof GatheringEvent.CareTeamFormed e) {
            gathering(e.eventId()).ifPresent(g -> notifications.notify(tenant, List.of(e.staffId()),
                    new Notice(NotificationKind.CARE_TEAM, source, true, "You lead a care team at " + g.title(),
                            "See the men in your care team.", "/staff/" + g.id())));
        } else if (event instanceof GatheringEvent.StaffAssigned e) {
            gathering(e.eventId()).ifPresent(g -> notifications.notify(tenant, without(List.of(e.personId()), e.by()),
                    new Notice(NotificationKind.ROLE_CHANGED, source, true, "You're on the staff of " + g.title(),
                            "Your role: " + e.role().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ".", "/staff/" + g.id())));
        }
        // Other facts of events tell nobody.
    }

    @Transactional
    public void payment(Tenant tenant, UUID eventId, PaymentEvent event) {
        String source = eventId.toString();
        if (event instanceof PaymentEvent.PaymentSucceeded e) {
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.PAYMENT_RECEIVED,
                    source, true, "Payment received: " + money(e.amountCents(), e.currency()),
                    "Thank you. This is your receipt for " + money(e.amountCents(), e.currency()) + (e.instalments() > 1
                            ? ", the first of " + e.instalments() + " instalments" : "") + ". Reference " + e.paymentId() + ".", "/payments"));
        } else if (event instanceof PaymentEvent.InstalmentPaid e) {
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.PAYMENT_RECEIVED,
                    source, true, "Instalment " + e.number() + " of " + e.of() + " paid: " + money(e.amountCents(), e.currency()),
                    "Thank you. This is your receipt. Reference " + e.paymentId() + ".", "/payments"));
        } else if (event instanceof PaymentEvent.InstalmentFailed e) {
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.PAYMENT_FAILED,
                    source, true, "Instalment " + e.number() + " of " + e.of() + " could not be paid",
                    money(e.amountCents(), e.currency()) + " did not go through. We try again on " + when(e.nextAttemptAt(), organisationZone())
                            + "; check your card in Payments.", "/payments"));
        } else if (event instanceof PaymentEvent.DuesPaymentFailed e) {
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.PAYMENT_FAILED,
                    source, true, "Your circle dues are past due", money(e.amountCents(), e.currency())
                    + " did not go through; check your card in Payments.", "/payments"));
        } else if (event instanceof PaymentEvent.RefundIssued e) {
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.REFUND, source, true,
                    "Refund: " + money(e.amountCents(), e.currency()), "It reaches your card in a few days. Reference " + e.paymentId() + ".",
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
                    "New message from " + name(e.authorId()), switch (e.kind()) {
                        case DIRECT -> "He wrote to you.";
                        case CIRCLE -> "In your circle's chat.";
                        case EVENT_STAFF -> "In the staff chat.";
                    }, "/chats/" + e.conversationId()).ofCircle(e.kind() == ConversationKind.CIRCLE ? conversations.circleOf(e.conversationId()).orElse(null) : null));
        } else if (event instanceof ConversationEvent.AnnouncementPosted e) {
            announcements.reach(tenant, e.announcementId()).ifPresent(reach ->
                    notifications.notify(tenant, reach.readers(), new Notice(NotificationKind.ANNOUNCEMENT, source, false, reach.title(),
                            announcementBody(reach), "/announcements/" + e.announcementId()).ofCircle(e.circleId())));
        }
        // Edits, removals and comments tell nobody.
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
            String until = e.validUntil() == null ? "" : " until " + when(e.validUntil(), zoneOf(e.personId()));
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.ROLE_CHANGED, source, true,
                    "You're now " + roleName(e.role()) + until, name(e.by()) + " gave you this role" + until + ". What it lets you do is in your menu.",
                    "/profile"));
        } else if (event instanceof IdentityEvent.RoleEnding e) {
            String until = when(e.validUntil(), zoneOf(e.personId()));
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.ROLE_CHANGED, source, true,
                    "Your role ends " + until, "You stop being " + roleName(e.role()) + " " + until
                            + ". If you should keep it, ask an admin to renew it before then.", "/profile"));
        } else if (event instanceof IdentityEvent.EmailBounced e) {
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.ACCOUNT, source, true,
                    "Mail to your address bounced", "Your email provider refused our mail, so we have stopped sending it. Check your address "
                            + "in your profile and confirm it again to get email from us.", "/profile"));
        } else if (event instanceof IdentityEvent.RoleRevoked e && !e.personId().equals(e.by())) {
            notifications.notify(tenant, List.of(e.personId()), new Notice(NotificationKind.ROLE_CHANGED, source, true,
                    "You're no longer " + roleName(e.role()), name(e.by()) + " ended this role. Ask an admin if this is a mistake.", "/profile"));
        }
    }

    /** Who wrote it and the start of what it says (the rest is a tap away): a mail or a push worth reading. */
    private static String announcementBody(Announcements.Reach reach) {
        String text = reach.text().strip();
        String start = text.length() > 280 ? text.substring(0, 279).stripTrailing() + "…" : text;
        return start.isEmpty() ? "An announcement from " + reach.authorName() + "." : reach.authorName() + ": " + start;
    }

    private static String roleName(Role role) {
        switch (role) {
            case MEMBER:
                return "a member";
            case FACILITATOR:
                return "a facilitator";
            case PTM:
                return "on the production team";
            case ADMIN:
                return "an admin";
            case LEADERSHIP:
                return "in leadership";
            case SUPPORT:
                return "on support";
            default:
                return role.name().toLowerCase(Locale.ROOT);
        }
    }

    private String name(UUID person) {
        Map<UUID, String> names = people.names(List.of(person));
        return names.getOrDefault(person, "Someone");
    }

    private ZoneId organisationZone() {
        return ZoneId.of(people.timeZone());
    }

    /** His own clock (his profile's zone, else the organisation's): a notice for one man reads his time. */
    private ZoneId zoneOf(UUID man) {
        return people.timeZonesOf(List.of(man)).get(man);
    }

    private static String when(Instant instant, ZoneId zone) {
        return WHEN.format(instant.atZone(zone));
    }

    private static String money(long cents, String currency) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.UK);
        try {
            format.setCurrency(Currency.getInstance(currency.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return BigDecimal.valueOf(cents, 2).toPlainString() + " " + currency.toUpperCase(Locale.ROOT);
        }
        return format.format(BigDecimal.valueOf(cents, 2));
    }
}
