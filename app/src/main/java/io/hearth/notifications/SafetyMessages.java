package io.hearth.notifications;

import io.hearth.circles.CircleView;
import io.hearth.circles.Circles;
import io.hearth.circles.Memberships;
import io.hearth.crypto.FieldCipher;
import io.hearth.gatherings.Gatherings;
import io.hearth.gatherings.Registrations;
import io.hearth.gatherings.Staffing;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.kit.Refusal;
import io.hearth.notifications.internal.SafetyMessageRow;
import io.hearth.notifications.internal.SafetyRepository;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Must-reach messages: what some men must hear ("the retreat bus leaves from the north gate", a facilitator checking
 * on one of his men). Sent as {@code safety} notifications (in the app and by push at once, through quiet hours; a
 * text after 15 minutes, a mail after 30, until each man answers "got it"); the sender sees who has not been reached.
 * A circle's facilitators send to its men, an event's PTMs and admins to its participants and staff, admins and
 * support to anyone.
 */
@TenantBound
@Singleton
public class SafetyMessages {

    private static final int MAX_TEXT_BYTES = 1000;

    private final SafetyRepository safety;
    private final Notifications notifications;
    private final Circles circles;
    private final Memberships memberships;
    private final Gatherings gatherings;
    private final Registrations registrations;
    private final Staffing staffing;
    private final People people;
    private final FieldCipher cipher;
    private final Clock clock;

    public SafetyMessages(SafetyRepository safety, Notifications notifications, Circles circles, Memberships memberships, Gatherings gatherings,
                          Registrations registrations, Staffing staffing, People people, FieldCipher cipher, Clock clock) {
        this.safety = safety;
        this.notifications = notifications;
        this.circles = circles;
        this.memberships = memberships;
        this.gatherings = gatherings;
        this.registrations = registrations;
        this.staffing = staffing;
        this.people = people;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Whom to: exactly one of a circle, an event, or named men. */
    public record Draft(@Nullable UUID circleId, @Nullable UUID eventId, @Nullable List<UUID> personIds, String text) {
    }

    /** A must-reach message and how far each man was reached. */
    @Schema(name = "SafetyMessage")
    @Serdeable
    public record Message(UUID id, String text, Instant sentAt, int recipients, int notReached, List<Notifications.Reached> reached) {
    }

    public record Sent(Message message, boolean repeated) {
    }

    @Transactional
    public Sent send(Caller caller, Draft draft, @Nullable String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<SafetyMessageRow> earlier = safety.messageByKey(caller.person(), idempotencyKey);
            if (earlier.isPresent()) {
                return new Sent(view(caller.tenant(), earlier.get()), true);
            }
        }
        String text = draft.text() == null ? "" : draft.text().strip();
        if (text.isEmpty() || text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            throw Refusal.invalid("text", "is 1 to " + MAX_TEXT_BYTES + " bytes");
        }
        Set<UUID> recipients = recipients(caller, draft);
        recipients.remove(caller.person());
        if (recipients.isEmpty()) {
            throw Refusal.invalid("to", "names nobody to reach");
        }
        UUID id = UUID.randomUUID();
        safety.saveMessage(id, caller.person(), cipher.seal(text, associated(caller.tenant(), id)), "/notifications", clock.instant(), idempotencyKey);
        String sender = people.names(List.of(caller.person())).get(caller.person());
        notifications.notify(caller.tenant(), recipients, new Notice(NotificationKind.SAFETY, source(id), true,
                Text.of("safety.title", "man", sender != null ? sender : Text.of("someone")), Text.verbatim(text), "/notifications"), caller.person());
        return new Sent(view(caller.tenant(), safety.message(id).orElseThrow()), false);
    }

    /** The sender (or an admin) sees who was reached and who answered. */
    @Transactional(readOnly = true)
    public Message get(Caller caller, UUID id) {
        SafetyMessageRow row = safety.message(id).filter(m -> m.senderId().equals(caller.person()) || caller.can(Permission.ORGANISATION_MANAGE))
                .orElseThrow(() -> Refusal.notFound("No must-reach message of yours has this id"));
        return view(caller.tenant(), row);
    }

    private Set<UUID> recipients(Caller caller, Draft draft) {
        int named = (draft.circleId() == null ? 0 : 1) + (draft.eventId() == null ? 0 : 1)
                + (draft.personIds() == null || draft.personIds().isEmpty() ? 0 : 1);
        if (named != 1) {
            throw Refusal.invalid("to", "name one of circleId, eventId or personIds");
        }
        Set<UUID> men = new LinkedHashSet<>();
        if (draft.circleId() != null) {
            CircleView circle = circles.get(caller, draft.circleId());
            if (!Circles.manages(circle, caller) && !caller.can(Permission.ORGANISATION_MANAGE)) {
                throw Refusal.forbidden("A circle's facilitators and admins send it must-reach messages");
            }
            men.addAll(memberships.currentMembers(circle.id()));
            circle.facilitators().forEach(f -> men.add(f.id()));
        } else if (draft.eventId() != null) {
            gatherings.requireManager(caller, draft.eventId());
            men.addAll(registrations.peopleComing(draft.eventId()));
            men.addAll(staffing.staffIds(draft.eventId()));
        } else {
            if (!caller.can(Permission.ORGANISATION_MANAGE) && !caller.can(Permission.SUPPORT_ASSIST)) {
                throw Refusal.forbidden("Admins and support send must-reach messages to named men");
            }
            if (draft.personIds().size() > 500) {
                throw Refusal.invalid("personIds", "names at most 500 men");
            }
            men.addAll(draft.personIds());
        }
        return men;
    }

    private Message view(Tenant tenant, SafetyMessageRow row) {
        List<Notifications.Reached> reached = notifications.reached(tenant, source(row.id()));
        int notReached = (int) reached.stream().filter(r -> r.acknowledgedAt() == null).count();
        return new Message(row.id(), cipher.open(row.sealedText(), associated(tenant, row.id())), row.createdAt(), reached.size(), notReached, reached);
    }

    static String source(UUID id) {
        return "safety:" + id;
    }

    private static String associated(Tenant tenant, UUID id) {
        return "safety-message:" + tenant.id().value() + ":" + id;
    }
}
