package io.hearth.notifications;

import io.hearth.crypto.FieldCipher;
import io.hearth.identity.People;
import io.hearth.identity.PublicLinks;
import io.hearth.messaging.Mailer;
import io.hearth.messaging.Pushes;
import io.hearth.messaging.Texts;
import io.hearth.notifications.internal.DeviceRow;
import io.hearth.notifications.internal.NotificationRepository;
import io.hearth.notifications.internal.NotificationRow;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What waits goes out together: the notifications a man chose to read in a digest, as one mail each morning (or
 * each Monday) at 07:00 on his clock, never one mail per message; and what his quiet hours held back, as one push to
 * each of his devices and one text when they end.
 */
@TenantBound
@Singleton
public class Digests {

    /** At most this many notifications in one digest: the rest wait for the next. */
    static final int MAX_ITEMS = 100;

    private final NotificationRepository notifications;
    private final Preferences preferences;
    private final People people;
    private final Devices devices;
    private final Pushes pushes;
    private final Mailer mailer;
    private final NotificationMails mails;
    private final Texts texts;
    private final FieldCipher cipher;
    private final PublicLinks links;
    private final JsonMapper json;
    private final Clock clock;

    public Digests(NotificationRepository notifications, Preferences preferences, People people, Devices devices, Pushes pushes, Mailer mailer,
                   NotificationMails mails, Texts texts, FieldCipher cipher, PublicLinks links, JsonMapper json, Clock clock) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.people = people;
        this.devices = devices;
        this.pushes = pushes;
        this.mailer = mailer;
        this.mails = mails;
        this.texts = texts;
        this.cipher = cipher;
        this.links = links;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Mails each man whose digest time has come what waited for it (gathered before that time); a man whose address
     * is no longer verified has them dropped from the digest (they stay in his notification centre). Returns how many
     * digests were queued.
     */
    @Transactional
    public int sendDigests(Tenant tenant) {
        Instant now = clock.instant();
        List<UUID> men = notifications.withDigest();
        Map<UUID, Preferences.Schedule> schedules = preferences.schedulesOf(men);
        Map<UUID, People.Contact> contacts = people.contacts(men);
        NotificationMails.Look look = men.isEmpty() ? null : mails.look(tenant);
        Map<UUID, Locale> languages = men.isEmpty() ? Map.of() : People.languages(contacts, look.locale(), men);
        int sent = 0;
        for (UUID man : men) {
            Preferences.Schedule schedule = schedules.get(man);
            Instant due = schedule.digest().lastDue(now, ZoneId.of(schedule.timeZone()));
            List<NotificationRow> rows = notifications.digestFor(man, due, MAX_ITEMS);
            if (rows.isEmpty()) {
                continue;
            }
            People.Contact contact = contacts.get(man);
            if (contact != null && contact.active() && contact.emailVerified()) {
                NotificationMails.Mail mail = mails.digest(look.in(languages.get(man)), tenant, schedule.digest(), items(tenant, rows), man);
                mailer.send(tenant, contact.email(), mail.subject(), mail.text(), mail.html(), preferences.digestUnsubscribeHeaders(tenant, man));
                sent++;
            }
            notifications.digested(rows.stream().map(NotificationRow::id).toList());
        }
        return sent;
    }

    /**
     * For each man whose quiet hours are over, what they held back: one push to each of his devices ("3 notifications
     * while your quiet hours") and one text, each naming only a count. Returns for how many men.
     */
    @Transactional
    public int releaseHeld(Tenant tenant) {
        Instant now = clock.instant();
        List<UUID> men = notifications.withHeld();
        Map<UUID, QuietHours> quiet = preferences.quietHoursOf(men);
        List<UUID> due = men.stream().filter(man -> quiet.get(man) == null || !quiet.get(man).covers(now)).toList();
        Map<UUID, List<DeviceRow>> devicesOf = devices.of(due);
        Map<UUID, String> phones = people.verifiedPhones(tenant, due);
        Map<UUID, Locale> languages = people.languagesOf(due);
        int released = 0;
        for (UUID man : due) {
            List<NotificationRow> rows = notifications.heldFor(man);
            if (rows.isEmpty()) {
                continue;
            }
            long heldPushes = rows.stream().filter(NotificationRow::heldPush).count();
            long heldTexts = rows.stream().filter(NotificationRow::heldText).count();
            if (heldPushes > 0) {
                for (DeviceRow device : devicesOf.getOrDefault(man, List.of())) {
                    pushes.send(tenant, new Pushes.Device(device.endpoint(), device.p256dh(), device.auth()), summaryPayload(tenant, held(heldPushes, languages.get(man))),
                            Duration.ofHours(24), false);
                }
            }
            if (heldTexts > 0 && phones.containsKey(man)) {
                texts.send(tenant, phones.get(man), tenant.name() + ": " + held(heldTexts, languages.get(man)) + ". "
                        + links.to(tenant, "/notifications"), Duration.ofHours(6));
            }
            notifications.released(rows.stream().map(NotificationRow::id).toList());
            released++;
        }
        return released;
    }

    /** "3 notifications while your quiet hours", in his language. */
    private static String held(long n, Locale language) {
        return (n == 1 ? Text.of("held.one") : Text.of("held.other", "n", n)).in(language);
    }

    /** What each notification of a digest shows: its title, its text (opened here, sealed at rest) and its link. */
    private List<NotificationMails.Item> items(Tenant tenant, List<NotificationRow> rows) {
        return rows.stream().map(row -> new NotificationMails.Item(cipher.open(row.sealedTitle(), Notifications.associated(tenant, "title", row.id())),
                cipher.open(row.sealedBody(), Notifications.associated(tenant, "body", row.id())), row.link())).toList();
    }

    private String summaryPayload(Tenant tenant, String held) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", "held:" + UUID.randomUUID());
        payload.put("kind", "SUMMARY");
        payload.put("safety", false);
        payload.put("title", tenant.name());
        payload.put("body", held);
        payload.put("link", "/notifications");
        try {
            return json.writeValueAsString(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
