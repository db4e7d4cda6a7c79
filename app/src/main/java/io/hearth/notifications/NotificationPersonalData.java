package io.hearth.notifications;

import io.hearth.identity.PersonErased;
import io.hearth.identity.PersonalDataPart;
import io.hearth.notifications.internal.DeviceRepository;
import io.hearth.notifications.internal.MuteRepository;
import io.hearth.notifications.internal.PersonalRows;
import io.hearth.notifications.internal.PreferenceRepository;
import io.hearth.notifications.internal.ScheduleRepository;
import io.hearth.tenancy.InTenant;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What notifications keeps of one man: in his export (the levels he chose, his quiet hours and digest, the circles he
 * muted, his devices by push service) and gone when his personal data is erased: his notifications, settings,
 * mutes, devices and the reach-outs he made. His consents stay (they record that he was asked and what he said: the
 * proof a lawful sender keeps), tied to his anonymised account.
 */
@TenantBound
@Singleton
public class NotificationPersonalData implements PersonalDataPart {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationPersonalData.class);

    private final PreferenceRepository preferences;
    private final ScheduleRepository schedules;
    private final MuteRepository mutes;
    private final DeviceRepository devices;
    private final PersonalRows rows;
    private final InTenant tenants;

    public NotificationPersonalData(PreferenceRepository preferences, ScheduleRepository schedules, MuteRepository mutes, DeviceRepository devices,
                                    PersonalRows rows, InTenant tenants) {
        this.preferences = preferences;
        this.schedules = schedules;
        this.mutes = mutes;
        this.devices = devices;
        this.rows = rows;
        this.tenants = tenants;
    }

    @Schema(name = "NotificationData")
    @Serdeable
    public record Data(List<Level> levels, @Nullable String quietFrom, @Nullable String quietTo, @Nullable String digest,
                       List<UUID> mutedCircles, List<DeviceEntry> devices) {
    }

    /** A level he chose himself (organisation defaults are not his data). */
    @Schema(name = "NotificationDataLevel")
    @Serdeable
    public record Level(String kind, String channel, String level) {
    }

    /** A device by its push service's host only: the endpoint itself is a credential to push to him. */
    @Schema(name = "NotificationDataDevice")
    @Serdeable
    public record DeviceEntry(String pushService, boolean previews, @Nullable String userAgent, Instant createdAt, Instant lastSeenAt) {
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    @Transactional(readOnly = true)
    public Object of(Tenant tenant, UUID person) {
        var hours = preferences.quietHours(person);
        return new Data(preferences.of(person).stream().map(row -> new Level(row.kind(), row.channel(), row.level())).toList(),
                hours.map(row -> row.startsAt().toString()).orElse(null), hours.map(row -> row.endsAt().toString()).orElse(null),
                schedules.of(person).map(row -> row.digest()).orElse(null),
                mutes.of(person).stream().map(row -> row.circleId()).toList(),
                devices.of(person).stream().map(row -> new DeviceEntry(host(row.endpoint()), row.previews(), row.userAgent(), row.createdAt(),
                        row.lastSeenAt())).toList());
    }

    /**
     * Told synchronously by the erasing request, so that the erasure is whole when it answers. A failure here fails
     * that request after identity has erased him (as for conversations' listener): the rows stay until someone deletes
     * them, and the log says so.
     */
    @EventListener
    void erased(PersonErased erased) {
        tenants.call(erased.tenant().id(), in -> {
            UUID man = erased.person();
            long notifications = rows.notifications(man);
            rows.preferences(man);
            rows.quietHours(man);
            rows.schedule(man);
            rows.mutes(man);
            long devicesGone = rows.devices(man);
            long reachOuts = rows.reachOuts(man);
            LOG.info("erased {} notifications, {} devices and {} reach-outs of an erased person in {}", notifications, devicesGone, reachOuts,
                    erased.tenant().slug());
            return true;
        });
    }

    private static String host(String endpoint) {
        try {
            String host = URI.create(endpoint).getHost();
            return host == null ? "unknown" : host;
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }
}
