package io.hearth.notifications;

import io.hearth.ErrorCode;
import io.hearth.identity.Caller;
import io.hearth.identity.OrganisationSettings;
import io.hearth.identity.People;
import io.hearth.identity.Profiles;
import io.hearth.identity.Permission;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Audit;
import io.hearth.kit.Refusal;
import io.hearth.notifications.internal.PreferenceRepository;
import io.hearth.notifications.internal.PreferenceRow;
import io.hearth.notifications.internal.QuietHoursRow;
import io.hearth.notifications.internal.DefaultRepository;
import io.hearth.notifications.internal.DefaultRow;
import io.hearth.notifications.internal.ScheduleRepository;
import io.hearth.notifications.internal.ScheduleRow;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What each man wants to hear, per kind of notification and channel (a kind he never set follows its default), and
 * his quiet hours. A channel he has not proved is his cannot be turned on: mail needs a verified address, texts a
 * verified phone, push a subscribed device ({@code 422 CHANNEL_NOT_VERIFIED}). Each channel he turns on or off for
 * a kind, here or through a mail's unsubscribe link, is recorded as a consent given or withdrawn ({@link Consents}).
 */
@TenantBound
@Singleton
public class Preferences {

    private final PreferenceRepository preferences;
    private final People people;
    private final Devices devices;
    private final ScheduleRepository schedules;
    private final Consents consents;
    private final UnsubscribeLinks unsubscribeLinks;
    private final DefaultRepository defaults;
    private final Audit audit;
    private final Profiles profiles;

    public Preferences(PreferenceRepository preferences, People people, Devices devices, ScheduleRepository schedules, Consents consents,
                       UnsubscribeLinks unsubscribeLinks, DefaultRepository defaults, Audit audit, Profiles profiles) {
        this.preferences = preferences;
        this.profiles = profiles;
        this.defaults = defaults;
        this.audit = audit;
        this.schedules = schedules;
        this.consents = consents;
        this.unsubscribeLinks = unsubscribeLinks;
        this.people = people;
        this.devices = devices;
    }

    @Schema(name = "NotificationSetting")
    @Serdeable
    public record Setting(NotificationKind kind, Channel channel, Level level) {
    }

    /**
     * @param verified whether he proved the channel is his (in the app always; push once a device subscribed)
     */
    @Schema(name = "NotificationChannel")
    @Serdeable
    public record ChannelState(Channel channel, boolean verified) {
    }

    @Schema(name = "NotificationPreferences")
    @Serdeable
    public record View(List<Setting> items, List<ChannelState> channels) {
    }

    /**
     * Quiet hours: {@code from} and {@code to} as HH:mm, both absent when he has none; {@code timeZone} the IANA zone
     * they are read in, his profile's (given on PUT, it becomes his profile's).
     */
    @Schema(name = "QuietHours")
    @Serdeable
    public record QuietHoursView(@Nullable String from, @Nullable String to, String timeZone) {
    }

    /** How often his digest comes and in which zone its hour is: his profile's (given on PUT, it becomes his profile's). */
    @Schema(name = "NotificationSchedule")
    @Serdeable
    public record Schedule(DigestFrequency digest, String timeZone) {
    }

    /** Each man's level per channel for one kind: his choice, or the kind's default. */
    @Transactional(readOnly = true)
    public Map<UUID, Map<Channel, Level>> levels(Collection<UUID> men, NotificationKind kind) {
        Map<UUID, Map<Channel, Level>> levels = new HashMap<>();
        Map<String, Level> organisation = organisation();
        for (UUID man : men) {
            Map<Channel, Level> his = new EnumMap<>(Channel.class);
            for (Channel channel : Channel.values()) {
                his.put(channel, level(Map.of(), organisation, kind, channel));
            }
            levels.put(man, his);
        }
        if (!men.isEmpty()) {
            for (PreferenceRow row : preferences.forKind(kind.name(), men)) {
                levels.get(row.personId()).put(Channel.valueOf(row.channel()), Level.valueOf(row.level()));
            }
        }
        return levels;
    }

    @Transactional(readOnly = true)
    public View get(Caller caller) {
        Map<String, Level> chosen = chosen(caller.person());
        Map<String, Level> organisation = organisation();
        List<Setting> items = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            for (Channel channel : Channel.values()) {
                items.add(new Setting(kind, channel, level(chosen, organisation, kind, channel)));
            }
        }
        return new View(items, channels(caller));
    }

    /** Changes the settings named (the others stay); all or none. */
    @Transactional
    public View put(Caller caller, List<Setting> settings) {
        Map<Channel, Boolean> verified = new EnumMap<>(Channel.class);
        channels(caller).forEach(state -> verified.put(state.channel(), state.verified()));
        validate(settings);
        for (Setting setting : settings) {
            if (setting.level() != Level.OFF && !verified.get(setting.channel())) {
                throw new Refusal(Refusal.Kind.INVALID, ErrorCode.CHANNEL_NOT_VERIFIED, switch (setting.channel()) {
                    case EMAIL -> "Verify your email address before you choose mail";
                    case SMS -> "Verify your phone number before you choose texts";
                    case PUSH -> "Allow notifications on a device before you choose push";
                    case IN_APP -> "The app is always yours";
                });
            }
        }
        Map<String, Level> chosen = chosen(caller.person());
        Map<String, Level> organisation = organisation();
        for (Setting setting : settings) {
            boolean wasOn = level(chosen, organisation, setting.kind(), setting.channel()) != Level.OFF;
            boolean on = setting.level() != Level.OFF;
            preferences.set(caller.person(), setting.kind().name(), setting.channel().name(), setting.level().name());
            chosen.put(key(setting.kind(), setting.channel()), setting.level());
            if (on != wasOn) {
                consents.record(caller.tenant(), caller.person(), setting.channel(), setting.kind(), on, ConsentSource.PREFERENCES);
            }
        }
        return get(caller);
    }

    /** The headers that let a mail of this kind unsubscribe him in one click (RFC 8058); none on a must-reach one. */
    public Map<String, String> unsubscribeHeaders(Tenant tenant, UUID man, NotificationKind kind) {
        return kind.safety() ? Map.of() : unsubscribeLinks.mailHeaders(tenant, man, kind);
    }

    /** The unsubscribe headers of a digest: it gathers many kinds, so its one click turns off every kind's mail but the must-reach one. */
    public Map<String, String> digestUnsubscribeHeaders(Tenant tenant, UUID man) {
        return unsubscribeLinks.mailHeaders(tenant, man, null);
    }

    /**
     * Turns his mail off for the kind the opt-out names (every kind but the must-reach one when it names none), and
     * records the consent withdrawn. Returns whether anything was on.
     */
    @Transactional
    public boolean optOut(Tenant tenant, OptOut optOut, ConsentSource how) {
        Map<String, Level> chosen = chosen(optOut.person());
        Map<String, Level> organisation = organisation();
        List<NotificationKind> kinds = optOut.everyKind()
                ? Arrays.stream(NotificationKind.values()).filter(kind -> !kind.safety()).toList() : List.of(optOut.kind());
        boolean changed = false;
        for (NotificationKind kind : kinds) {
            if (level(chosen, organisation, kind, Channel.EMAIL) != Level.OFF) {
                preferences.set(optOut.person(), kind.name(), Channel.EMAIL.name(), Level.OFF.name());
                changed = true;
            }
        }
        if (changed) {
            consents.record(tenant, optOut.person(), Channel.EMAIL, optOut.kind(), false, how);
        }
        return changed;
    }

    private Map<String, Level> chosen(UUID man) {
        Map<String, Level> chosen = new HashMap<>();
        for (PreferenceRow row : preferences.of(man)) {
            chosen.put(row.kind() + "/" + row.channel(), Level.valueOf(row.level()));
        }
        return chosen;
    }

    /** His choice, else the organisation's default, else the kind's (a safety kind is always its own). */
    private static Level level(Map<String, Level> chosen, Map<String, Level> organisation, NotificationKind kind, Channel channel) {
        if (kind.safety()) {
            return kind.defaultLevel(channel);
        }
        Level his = chosen.get(key(kind, channel));
        return his != null ? his : organisation.getOrDefault(key(kind, channel), kind.defaultLevel(channel));
    }

    private Map<String, Level> organisation() {
        Map<String, Level> organisation = new HashMap<>();
        for (DefaultRow row : defaults.all()) {
            organisation.put(row.kind() + "/" + row.channel(), Level.valueOf(row.level()));
        }
        return organisation;
    }

    /** Each setting names a kind, a channel and a level that kind takes on that channel; all or none are refused. */
    private static void validate(List<Setting> settings) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            Setting setting = settings.get(i);
            if (setting == null || setting.kind() == null || setting.channel() == null || setting.level() == null) {
                errors.add(new Refusal.FieldError("items[" + i + "]", "needs kind, channel and level"));
            } else if (!setting.kind().allows(setting.channel(), setting.level())) {
                errors.add(new Refusal.FieldError("items[" + i + "].level", setting.kind().safety()
                        ? "a safety notification must reach everyone: it stays ALL" : "DIGEST is a mail: only EMAIL takes it"));
            }
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
    }

    /** The organisation's defaults: what a man who never chose gets, per kind and channel. */
    @Transactional(readOnly = true)
    public List<Setting> organisationDefaults(Caller caller) {
        if (!caller.can(Permission.ORGANISATION_MANAGE)) {
            throw Refusal.forbidden("Only admins keep the organisation's notification defaults");
        }
        Map<String, Level> organisation = organisation();
        List<Setting> items = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            for (Channel channel : Channel.values()) {
                items.add(new Setting(kind, channel, level(Map.of(), organisation, kind, channel)));
            }
        }
        return items;
    }

    /**
     * Changes the organisation's defaults named (the others stay), audited; a man's own choices stay his. Nothing here
     * turns a channel on that he has not verified: an unverified channel is never used, whatever the level.
     */
    @Transactional
    public List<Setting> setOrganisationDefaults(Caller caller, List<Setting> settings) {
        if (!caller.can(Permission.ORGANISATION_MANAGE)) {
            throw Refusal.forbidden("Only admins keep the organisation's notification defaults");
        }
        validate(settings);
        for (Setting setting : settings) {
            defaults.set(setting.kind().name(), setting.channel().name(), setting.level().name());
        }
        audit.byCaller(caller, AuditAction.SETTINGS_CHANGED, null, Map.of("notificationDefaults",
                settings.stream().map(setting -> key(setting.kind(), setting.channel()) + "=" + setting.level()).toList()));
        return organisationDefaults(caller);
    }

    private static String key(NotificationKind kind, Channel channel) {
        return kind.name() + "/" + channel.name();
    }

    @Transactional(readOnly = true)
    public QuietHoursView quietHours(Caller caller) {
        String zone = people.timeZonesOf(List.of(caller.person())).get(caller.person()).getId();
        return preferences.quietHours(caller.person())
                .map(row -> new QuietHoursView(row.startsAt().toString(), row.endsAt().toString(), zone))
                .orElseGet(() -> new QuietHoursView(null, null, zone));
    }

    /**
     * Sets his quiet hours, or clears them when both times are absent. They are read in his profile's time zone; a
     * {@code timeZone} given here becomes his profile's (left out: it stays as it is).
     */
    @Transactional
    public QuietHoursView setQuietHours(Caller caller, QuietHoursView wanted) {
        if (wanted.from() == null && wanted.to() == null) {
            preferences.clearQuietHours(caller.person());
            return quietHours(caller);
        }
        List<Refusal.FieldError> errors = new ArrayList<>();
        LocalTime from = time("from", wanted.from(), errors);
        LocalTime to = time("to", wanted.to(), errors);
        ZoneId zone = wanted.timeZone() == null ? null : zone(wanted.timeZone(), errors);
        if (from != null && from.equals(to)) {
            errors.add(new Refusal.FieldError("to", "must differ from 'from'"));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        if (zone != null) {
            profiles.setTimeZone(caller, zone);
        }
        preferences.setQuietHours(caller.person(), from, to);
        return quietHours(caller);
    }

    @Transactional(readOnly = true)
    public Schedule schedule(Caller caller) {
        return schedulesOf(List.of(caller.person())).get(caller.person());
    }

    @Transactional
    public Schedule setSchedule(Caller caller, @Nullable DigestFrequency digest, @Nullable String timeZone) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        if (digest == null) {
            errors.add(new Refusal.FieldError("digest", "is DAILY or WEEKLY"));
        }
        ZoneId zone = timeZone == null ? null : zone(timeZone, errors);
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        if (zone != null) {
            profiles.setTimeZone(caller, zone);
        }
        schedules.set(caller.person(), digest.name());
        return schedule(caller);
    }

    /** Many men's digest schedules: his own, or daily; in his profile's time zone (else the organisation's). */
    @Transactional(readOnly = true)
    public Map<UUID, Schedule> schedulesOf(Collection<UUID> men) {
        Map<UUID, Schedule> result = new HashMap<>();
        if (men.isEmpty()) {
            return result;
        }
        Map<UUID, ZoneId> zones = people.timeZonesOf(men);
        Map<UUID, ScheduleRow> rows = new HashMap<>();
        schedules.ofMany(men).forEach(row -> rows.put(row.personId(), row));
        for (UUID man : men) {
            ScheduleRow row = rows.get(man);
            String zone = zones.get(man).getId();
            result.put(man, new Schedule(row != null ? DigestFrequency.valueOf(row.digest()) : DigestFrequency.DAILY, zone));
        }
        return result;
    }

    /** The quiet hours of many men, for the senders of pushes and texts (absent: none). */
    @Transactional(readOnly = true)
    public Map<UUID, QuietHours> quietHoursOf(Collection<UUID> men) {
        Map<UUID, QuietHours> hours = new HashMap<>();
        if (!men.isEmpty()) {
            List<QuietHoursRow> rows = preferences.quietHoursOf(men);
            if (!rows.isEmpty()) {
                Map<UUID, ZoneId> zones = people.timeZonesOf(rows.stream().map(QuietHoursRow::personId).toList());
                for (QuietHoursRow row : rows) {
                    hours.put(row.personId(), new QuietHours(row.startsAt(), row.endsAt(), zones.get(row.personId())));
                }
            }
        }
        return hours;
    }

    private List<ChannelState> channels(Caller caller) {
        People.Contact contact = people.contacts(List.of(caller.person())).get(caller.person());
        return List.of(new ChannelState(Channel.IN_APP, true),
                new ChannelState(Channel.EMAIL, contact != null && contact.emailVerified()),
                new ChannelState(Channel.SMS, contact != null && contact.phoneVerified()),
                new ChannelState(Channel.PUSH, devices.any(caller)));
    }

    private static LocalTime time(String field, @Nullable String value, List<Refusal.FieldError> errors) {
        if (value == null || !value.matches("\\d{2}:\\d{2}")) {
            errors.add(new Refusal.FieldError(field, "is a time as HH:mm (22:00)"));
            return null;
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Refusal.FieldError(field, "is not a time of day"));
            return null;
        }
    }

    /** A name of the IANA database, as a profile's zone must be (not a bare offset). */
    private static ZoneId zone(String value, List<Refusal.FieldError> errors) {
        if (!OrganisationSettings.isTimeZone(value)) {
            errors.add(new Refusal.FieldError("timeZone", "is not an IANA time zone such as Europe/London"));
            return null;
        }
        return ZoneId.of(value);
    }
}
