package io.hearth.notifications;

import io.hearth.ErrorCode;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.kit.Refusal;
import io.hearth.notifications.internal.PreferenceRepository;
import io.hearth.notifications.internal.PreferenceRow;
import io.hearth.notifications.internal.QuietHoursRow;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What each man wants to hear, per kind of notification and channel (a kind he never set follows its default), and
 * his quiet hours. A channel he has not proved is his cannot be turned on: mail needs a verified address, texts a
 * verified phone, push a subscribed device ({@code 422 CHANNEL_NOT_VERIFIED}).
 */
@TenantBound
@Singleton
public class Preferences {

    private final PreferenceRepository preferences;
    private final People people;
    private final Devices devices;

    public Preferences(PreferenceRepository preferences, People people, Devices devices) {
        this.preferences = preferences;
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

    /** Quiet hours: {@code from} and {@code to} as HH:mm, both absent when he has none; {@code timeZone} an IANA zone. */
    @Schema(name = "QuietHours")
    @Serdeable
    public record QuietHoursView(@Nullable String from, @Nullable String to, String timeZone) {
    }

    /** Each man's level per channel for one kind: his choice, or the kind's default. */
    @Transactional(readOnly = true)
    public Map<UUID, Map<Channel, Level>> levels(Collection<UUID> men, NotificationKind kind) {
        Map<UUID, Map<Channel, Level>> levels = new HashMap<>();
        for (UUID man : men) {
            Map<Channel, Level> his = new EnumMap<>(Channel.class);
            for (Channel channel : Channel.values()) {
                his.put(channel, kind.defaultLevel(channel));
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
        Map<String, Level> chosen = new HashMap<>();
        for (PreferenceRow row : preferences.of(caller.person())) {
            chosen.put(row.kind() + "/" + row.channel(), Level.valueOf(row.level()));
        }
        List<Setting> items = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            for (Channel channel : Channel.values()) {
                items.add(new Setting(kind, channel, chosen.getOrDefault(kind.name() + "/" + channel.name(), kind.defaultLevel(channel))));
            }
        }
        return new View(items, channels(caller));
    }

    /** Changes the settings named (the others stay); all or none. */
    @Transactional
    public View put(Caller caller, List<Setting> settings) {
        Map<Channel, Boolean> verified = new EnumMap<>(Channel.class);
        channels(caller).forEach(state -> verified.put(state.channel(), state.verified()));
        List<Refusal.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            Setting setting = settings.get(i);
            if (setting == null || setting.kind() == null || setting.channel() == null || setting.level() == null) {
                errors.add(new Refusal.FieldError("items[" + i + "]", "needs kind, channel and level"));
            } else if (!setting.kind().allows(setting.channel(), setting.level())) {
                errors.add(new Refusal.FieldError("items[" + i + "].level", setting.kind().safety()
                        ? "a safety notification must reach you: it stays ALL" : "DIGEST is a mail: only EMAIL takes it"));
            }
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
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
        for (Setting setting : settings) {
            preferences.set(caller.person(), setting.kind().name(), setting.channel().name(), setting.level().name());
        }
        return get(caller);
    }

    @Transactional(readOnly = true)
    public QuietHoursView quietHours(Caller caller) {
        return preferences.quietHours(caller.person())
                .map(row -> new QuietHoursView(row.startsAt().toString(), row.endsAt().toString(), row.timeZone()))
                .orElseGet(() -> new QuietHoursView(null, null, people.timeZone()));
    }

    /** Sets his quiet hours, or clears them when both times are absent. */
    @Transactional
    public QuietHoursView setQuietHours(Caller caller, QuietHoursView wanted) {
        if (wanted.from() == null && wanted.to() == null) {
            preferences.clearQuietHours(caller.person());
            return quietHours(caller);
        }
        List<Refusal.FieldError> errors = new ArrayList<>();
        LocalTime from = time("from", wanted.from(), errors);
        LocalTime to = time("to", wanted.to(), errors);
        ZoneId zone = zone(wanted.timeZone(), errors);
        if (from != null && from.equals(to)) {
            errors.add(new Refusal.FieldError("to", "must differ from 'from'"));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        preferences.setQuietHours(caller.person(), from, to, zone.getId());
        return quietHours(caller);
    }

    /** The quiet hours of many men, for the senders of pushes and texts (absent: none). */
    @Transactional(readOnly = true)
    public Map<UUID, QuietHours> quietHoursOf(Collection<UUID> men) {
        Map<UUID, QuietHours> hours = new HashMap<>();
        if (!men.isEmpty()) {
            for (QuietHoursRow row : preferences.quietHoursOf(men)) {
                hours.put(row.personId(), new QuietHours(row.startsAt(), row.endsAt(), ZoneId.of(row.timeZone())));
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

    private static ZoneId zone(@Nullable String value, List<Refusal.FieldError> errors) {
        if (value == null || value.isBlank() || value.length() > 64) {
            errors.add(new Refusal.FieldError("timeZone", "is an IANA time zone (Europe/London)"));
            return null;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            errors.add(new Refusal.FieldError("timeZone", "is not a time zone we know"));
            return null;
        }
    }
}
