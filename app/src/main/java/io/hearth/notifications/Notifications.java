package io.hearth.notifications;

import io.hearth.crypto.FieldCipher;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.PublicLinks;
import io.hearth.kit.Refusal;
import io.hearth.messaging.Mailer;
import io.hearth.messaging.Pushes;
import io.hearth.messaging.Texts;
import io.hearth.notifications.internal.DeviceRow;
import io.hearth.notifications.internal.NotificationRepository;
import io.hearth.notifications.internal.NotificationRow;
import io.hearth.notifications.internal.NotificationWriter;
import io.hearth.realtime.Frame;
import io.hearth.realtime.Realtime;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A man's notifications: what each feature's events tell him ({@link #notify}), on the channels his preferences
 * name, and his notification centre in the app (list, mark read), delivered live to his sockets. A notice told twice
 * for the same source notifies once. Mail is queued in the same transaction (sent if and only if the notification was
 * written, retried by the mail relay while the server is away).
 */
@TenantBound
@Singleton
public class Notifications {

    private static final int MAX_PAGE = 100;
    /** How long a push service keeps a push for a device that is offline. */
    private static final Duration PUSH_WORTH = Duration.ofHours(24);
    /** A text not sent within this long is not worth sending. */
    private static final Duration TEXT_WORTH = Duration.ofHours(6);
    /** A must-reach notification nobody acknowledged goes by text this long after it was sent, and by mail as long after that. */
    public static final Duration SMS_AFTER = Duration.ofMinutes(15);

    private final NotificationRepository notifications;
    private final Preferences preferences;
    private final People people;
    private final FieldCipher cipher;
    private final Realtime realtime;
    private final Mailer mailer;
    private final NotificationMails mails;
    private final Texts texts;
    private final Pushes pushes;
    private final Devices devices;
    private final JsonMapper json;
    private final PublicLinks links;
    private final NotificationWriter writer;
    private final Mutes mutes;
    private final Clock clock;

    public Notifications(NotificationRepository notifications, Preferences preferences, People people, FieldCipher cipher, Realtime realtime,
                         Mailer mailer, NotificationMails mails, Texts texts, Pushes pushes, Devices devices, JsonMapper json, PublicLinks links,
                         NotificationWriter writer, Mutes mutes, Clock clock) {
        this.mutes = mutes;
        this.notifications = notifications;
        this.preferences = preferences;
        this.people = people;
        this.cipher = cipher;
        this.realtime = realtime;
        this.mailer = mailer;
        this.mails = mails;
        this.texts = texts;
        this.pushes = pushes;
        this.devices = devices;
        this.json = json;
        this.links = links;
        this.writer = writer;
        this.clock = clock;
    }

    /** A notification as its man sees it in the app. */
    @Schema(name = "Notification")
    @Serdeable
    public record Notification(UUID id, NotificationKind kind, String title, String body, String link, boolean direct, boolean safety,
                               Instant createdAt, @Nullable Instant readAt, @Nullable Instant acknowledgedAt) {
    }

    /**
     * One page of his notification centre, newest first.
     *
     * @param nextBefore pass as {@code before} for the next page; absent on the last
     */
    @Schema(name = "NotificationPage")
    @Serdeable
    public record Page(List<Notification> items, long unreadCount, @Nullable Instant nextBefore) {
    }

    /** His unread count after marking. */
    @Schema(name = "UnreadCount")
    @Serdeable
    public record Unread(long unreadCount) {
    }

    /** A notification for him, while his socket is open. */
    @Serdeable
    public record NotificationFrame(String type, Notification notification) implements Frame {
        public NotificationFrame(Notification notification) {
            this("notification", notification);
        }
    }

    /**
     * Tells these men (inactive and unknown ones are skipped) on the channels they chose; returns how many were told
     * for the first time. Joins the caller's transaction, so that a notice of a change is written with it.
     */
    @Transactional
    public int notify(Tenant tenant, Collection<UUID> recipients, Notice notice) {
        return notify(tenant, recipients, notice, null);
    }

    /**
     * As {@link #notify(Tenant, Collection, Notice)}, naming who sent it (a must-reach message, a reach-out). A safety
     * notice goes in the app and by push at once, through quiet hours, and climbs its ladder ({@link #climb}).
     */
    @Transactional
    public int notify(Tenant tenant, Collection<UUID> recipients, Notice notice, @Nullable UUID sentBy) {
        Set<UUID> distinct = new LinkedHashSet<>(recipients);
        distinct.remove(null);
        if (distinct.isEmpty()) {
            return 0;
        }
        Map<UUID, People.Contact> contacts = people.contacts(distinct);
        // His language comes with his contact (no second read of the same men); a man without one is skipped below.
        Map<UUID, Locale> languages = People.languages(contacts, Locale.ENGLISH, distinct);
        // Said once per language, not once per man.
        Map<Locale, Notice.Said> said = new HashMap<>();
        Map<UUID, Map<Channel, Level>> levels = preferences.levels(distinct, notice.kind());
        if (notice.circleId() != null && !notice.kind().safety()) {
            // A man who muted the circle has its chat and announcements in the app only.
            for (UUID man : mutes.mutedAmong(notice.circleId(), distinct)) {
                Map<Channel, Level> muted = new java.util.EnumMap<>(levels.get(man));
                muted.put(Channel.EMAIL, Level.OFF);
                muted.put(Channel.SMS, Level.OFF);
                muted.put(Channel.PUSH, Level.OFF);
                levels.put(man, muted);
            }
        }
        List<UUID> mayPush = distinct.stream().filter(man -> notice.kind().safety() || levels.get(man).get(Channel.PUSH).sendsNow(notice.direct()))
                .toList();
        Map<UUID, List<DeviceRow>> devicesOf = devices.of(mayPush);
        Map<UUID, QuietHours> quiet = notice.kind().safety() ? Map.of() : preferences.quietHoursOf(distinct.stream()
                .filter(man -> devicesOf.containsKey(man) || levels.get(man).get(Channel.SMS).sendsNow(notice.direct())).toList());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<NotificationRow> rows = new ArrayList<>();
        Map<UUID, Delivery> deliveries = new HashMap<>();
        for (UUID person : distinct) {
            People.Contact contact = contacts.get(person);
            if (contact == null || !contact.active()) {
                continue;
            }
            Delivery delivery = Delivery.of(notice.kind(), notice.direct(), levels.get(person),
                    new Delivery.Reachable(contact.emailVerified(), contact.phoneVerified(), !devicesOf.getOrDefault(person, List.of()).isEmpty()),
                    quiet.get(person), now);
            deliveries.put(person, delivery);
            UUID id = UUID.randomUUID();
            Notice.Said his = said.computeIfAbsent(languages.get(person), notice::in);
            rows.add(new NotificationRow(id, person, notice.kind().name(), notice.source(), notice.direct(), delivery.inApp(),
                    cipher.seal(his.title(), associated(tenant, "title", id)), cipher.seal(his.body(), associated(tenant, "body", id)),
                    notice.link(), now, null, null, delivery.digest(), 0, notice.kind().safety() ? now.plus(SMS_AFTER) : null, "app", sentBy,
                    false, false));
        }
        Set<UUID> told = writer.insertNew(rows);
        Map<UUID, String> phones = people.verifiedPhones(tenant, told.stream().filter(man -> deliveries.get(man).text()).toList());
        List<UUID> heldPush = new ArrayList<>();
        List<UUID> heldText = new ArrayList<>();
        NotificationMails.Look look = told.stream().anyMatch(man -> deliveries.get(man).email()) ? mails.look(tenant) : null;
        for (NotificationRow row : rows) {
            if (!told.contains(row.personId())) {
                continue;
            }
            Delivery delivery = deliveries.get(row.personId());
            Notice.Said his = said.get(languages.get(row.personId()));
            if (delivery.inApp()) {
                realtime.send(tenant, List.of(row.personId()), new NotificationFrame(view(tenant, row)));
            }
            if (delivery.email()) {
                NotificationMails.Mail mail = mails.notice(look.in(his.locale()), tenant, notice, row.personId());
                mailer.send(tenant, contacts.get(row.personId()).email(), mail.subject(), mail.text(), mail.html(),
                        preferences.unsubscribeHeaders(tenant, row.personId(), notice.kind()));
            }
            if (delivery.push()) {
                for (DeviceRow device : devicesOf.getOrDefault(row.personId(), List.of())) {
                    pushes.send(tenant, new Pushes.Device(device.endpoint(), device.p256dh(), device.auth()),
                            pushPayload(tenant, row.id(), notice, his, device.previews()), PUSH_WORTH, notice.kind().safety());
                }
            }
            if (delivery.text()) {
                String phone = phones.get(row.personId());
                if (phone != null) {
                    texts.send(tenant, phone, textBody(tenant, notice, his), TEXT_WORTH);
                }
            }
            if (delivery.heldPush()) {
                heldPush.add(row.id());
            }
            if (delivery.heldText()) {
                heldText.add(row.id());
            }
            if (notice.kind().safety() && delivery.push()) {
                notifications.climbed(row.id(), 0, row.nextStepAt(), "app,push");
            }
        }
        if (!heldPush.isEmpty()) {
            notifications.holdPushes(heldPush);
        }
        if (!heldText.isEmpty()) {
            notifications.holdTexts(heldText);
        }
        return told.size();
    }

    /**
     * Climbs the must-reach ladder of this organisation's safety notifications nobody acknowledged: a text
     * {@link #SMS_AFTER} after it was sent (to a verified phone), a mail {@link #SMS_AFTER} later (to a verified
     * address). Returns how many climbed.
     */
    @Transactional
    public int climb(Tenant tenant) {
        Instant now = clock.instant();
        List<NotificationRow> due = notifications.dueToClimb(now, 200);
        // Read for the whole batch at once, not one query per man.
        List<UUID> men = due.stream().map(NotificationRow::personId).distinct().toList();
        Map<UUID, String> phones = people.verifiedPhones(tenant, due.stream().filter(row -> row.step() == 0).map(NotificationRow::personId).distinct().toList());
        Map<UUID, People.Contact> addresses = people.contacts(men);
        NotificationMails.Look look = due.isEmpty() ? null : mails.look(tenant);
        Map<UUID, Locale> languages = due.isEmpty() ? Map.of() : People.languages(addresses, look.locale(), men);
        for (NotificationRow row : due) {
            String title = cipher.open(row.sealedTitle(), associated(tenant, "title", row.id()));
            String body = cipher.open(row.sealedBody(), associated(tenant, "body", row.id()));
            int step = row.step();
            String tried = row.tried();
            if (step == 0) {
                Optional<String> phone = Optional.ofNullable(phones.get(row.personId()));
                // A phone that texted STOP is not texted (send refuses it): the ladder goes on to mail at once.
                if (phone.isPresent() && texts.send(tenant, phone.get(), Text.of("ladder.text", "title", title, "body", body, "link",
                        links.to(tenant, row.link())).in(languages.get(row.personId())), Duration.ofHours(6))) {
                    notifications.climbed(row.id(), 1, now.plus(SMS_AFTER), tried + ",sms");
                    continue;
                }
                step = 1;
            }
            People.Contact contact = addresses.get(row.personId());
            if (contact != null && contact.emailVerified()) {
                NotificationMails.Mail mail = mails.notice(look.in(languages.get(row.personId())), tenant,
                        new Notice(NotificationKind.SAFETY, row.source(), true, Text.verbatim(title), Text.verbatim(body), row.link()), row.personId());
                mailer.send(tenant, contact.email(), mail.subject(), mail.text(), mail.html(), Map.of());
                tried = tried + ",email";
            }
            notifications.climbed(row.id(), Math.max(step, 2), null, tried);
        }
        return due.size();
    }

    /** Who was told from one source and how far each was reached: for the sender of a must-reach message. */
    @Transactional(readOnly = true)
    public List<Reached> reached(Tenant tenant, String source) {
        List<NotificationRow> rows = notifications.ofSource(source);
        Map<UUID, String> names = people.names(rows.stream().map(NotificationRow::personId).toList());
        return rows.stream().map(row -> new Reached(row.personId(), names.getOrDefault(row.personId(), "Someone"),
                List.of(row.tried().split(",")), row.readAt(), row.acknowledgedAt())).toList();
    }

    /** Someone took it on: no one told from this source is chased further. */
    @Transactional
    public void stopClimbing(Tenant tenant, String source) {
        notifications.stopClimbing(source);
    }

    /** His notification from a source, acknowledged (he took what it asked). */
    @Transactional
    public void acknowledge(Tenant tenant, UUID person, String source) {
        notifications.fromSource(source, person).ifPresent(row -> notifications.acknowledge(row.id(), person, clock.instant()));
    }

    /**
     * How far one man was reached: the channels his notification went out on ({@code app}, {@code push}, {@code sms},
     * {@code email}), and when he read and acknowledged it.
     */
    @Schema(name = "Reached")
    @Serdeable
    public record Reached(UUID personId, String name, List<String> channels, @Nullable Instant readAt, @Nullable Instant acknowledgedAt) {
    }

    @Transactional(readOnly = true)
    public Page list(Caller caller, boolean unread, @Nullable Instant before, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        List<NotificationRow> rows = notifications.page(caller.person(), unread, before, size + 1);
        boolean more = rows.size() > size;
        List<Notification> items = rows.stream().limit(size).map(row -> view(caller.tenant(), row)).toList();
        return new Page(items, notifications.unread(caller.person()), more ? items.get(items.size() - 1).createdAt() : null);
    }

    @Transactional
    public Notification read(Caller caller, UUID id) {
        notifications.read(id, caller.person(), clock.instant());
        return view(caller.tenant(), mine(caller, id));
    }

    @Transactional
    public Unread readAll(Caller caller) {
        notifications.readAll(caller.person(), clock.instant());
        return new Unread(notifications.unread(caller.person()));
    }

    /** "Got it": he answers a must-reach notification, which stops its ladder. */
    @Transactional
    public Notification acknowledge(Caller caller, UUID id) {
        NotificationRow row = mine(caller, id);
        if (!NotificationKind.valueOf(row.kind()).safety()) {
            throw Refusal.conflict("Only a must-reach notification is acknowledged; mark this one read");
        }
        notifications.acknowledge(id, caller.person(), clock.instant());
        return view(caller.tenant(), mine(caller, id));
    }

    private NotificationRow mine(Caller caller, UUID id) {
        return notifications.find(id, caller.person()).orElseThrow(() -> Refusal.notFound("You have no notification with this id"));
    }

    private Notification view(Tenant tenant, NotificationRow row) {
        NotificationKind kind = NotificationKind.valueOf(row.kind());
        return new Notification(row.id(), kind, cipher.open(row.sealedTitle(), associated(tenant, "title", row.id())),
                cipher.open(row.sealedBody(), associated(tenant, "body", row.id())), row.link(), row.direct(), kind.safety(), row.createdAt(),
                row.readAt(), row.acknowledgedAt());
    }

    /** What a device is pushed: the notification's text only where he allowed previews on it (a lock screen shows it). */
    private String pushPayload(Tenant tenant, UUID id, Notice notice, Notice.Said said, boolean previews) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", id.toString());
        payload.put("kind", notice.kind().name());
        payload.put("safety", notice.kind().safety());
        payload.put("title", previews ? said.title() : tenant.name());
        payload.put("body", previews ? said.body() : Text.of("push.hidden").in(said.locale()));
        payload.put("link", notice.link());
        try {
            return json.writeValueAsString(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text: the title and where to read it (a text has no room for more, and may sit on a shared phone's screen). */
    private String textBody(Tenant tenant, Notice notice, Notice.Said said) {
        return tenant.name() + ": " + said.title() + " " + links.to(tenant, notice.link());
    }

    static String associated(Tenant tenant, String part, UUID id) {
        return "notification-" + part + ":" + tenant.id().value() + ":" + id;
    }
}
