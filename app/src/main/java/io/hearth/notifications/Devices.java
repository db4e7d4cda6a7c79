package io.hearth.notifications;

import io.hearth.identity.Caller;
import io.hearth.messaging.PushEndpointGone;
import io.hearth.messaging.Pushes;
import io.hearth.notifications.internal.DeviceRepository;
import io.hearth.notifications.internal.DeviceRow;
import io.hearth.tenancy.InTenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A man's devices that allowed notifications (Web Push subscriptions): the PWA posts its subscription after he
 * allowed it (and again each time it opens, which keeps it seen); one the push service says is gone (404, 410) is
 * dropped at once, one unseen for 60 days by housekeeping.
 */
@TenantBound
@Singleton
public class Devices implements PushEndpointGone {

    /** A subscription unseen this long is dropped (Safari answers 200 for dead endpoints, so silence is the only sign). */
    public static final Duration UNSEEN_LIMIT = Duration.ofDays(60);

    private final DeviceRepository devices;
    private final Pushes pushes;
    private final InTenant tenants;
    private final Clock clock;

    public Devices(DeviceRepository devices, Pushes pushes, InTenant tenants, Clock clock) {
        this.devices = devices;
        this.pushes = pushes;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** A device as he sees it in his settings (never its keys). */
    @Schema(name = "PushDevice")
    @Serdeable
    public record Device(String endpoint, boolean previews, @Nullable String userAgent, Instant createdAt, Instant lastSeenAt) {
    }

    /** The key browsers subscribe with. */
    public String publicKey(Caller caller) {
        return pushes.publicKey();
    }

    @Transactional
    public Device subscribe(Caller caller, Pushes.Device device, boolean previews, @Nullable String userAgent) {
        pushes.check(device);
        String agent = userAgent == null ? null : userAgent.substring(0, Math.min(200, userAgent.length()));
        devices.save(device.endpoint(), caller.person(), device.p256dh(), device.auth(), previews, agent, clock.instant());
        return devices.of(caller.person()).stream().filter(row -> row.endpoint().equals(device.endpoint())).findFirst().map(Devices::view)
                .orElseThrow();
    }

    /** Drops his device; dropping one he does not have changes nothing. */
    @Transactional
    public void unsubscribe(Caller caller, String endpoint) {
        devices.remove(endpoint, caller.person());
    }

    @Transactional(readOnly = true)
    public List<Device> list(Caller caller) {
        return devices.of(caller.person()).stream().map(Devices::view).toList();
    }

    /** Whether he has a device to push to: the push channel is his. */
    @Transactional(readOnly = true)
    public boolean any(Caller caller) {
        return !devices.of(caller.person()).isEmpty();
    }

    /** The devices of many men, for sending. */
    @Transactional(readOnly = true)
    public Map<UUID, List<DeviceRow>> of(Collection<UUID> men) {
        Map<UUID, List<DeviceRow>> found = new HashMap<>();
        if (!men.isEmpty()) {
            for (DeviceRow row : devices.ofAll(men)) {
                found.computeIfAbsent(row.personId(), k -> new ArrayList<>()).add(row);
            }
        }
        return found;
    }

    /** The push service said the subscription is gone: drop it (in the relay's transaction, in its organisation). */
    @Override
    @Transactional
    public void gone(TenantId tenant, String endpoint) {
        tenants.call(tenant, in -> devices.gone(endpoint));
    }

    /** Drops the devices unseen for {@link #UNSEEN_LIMIT}; returns how many. */
    @Transactional
    public long dropUnseen(io.hearth.tenancy.Tenant tenant) {
        return devices.unseenSince(clock.instant().minus(UNSEEN_LIMIT));
    }

    private static Device view(DeviceRow row) {
        return new Device(row.endpoint(), row.previews(), row.userAgent(), row.createdAt(), row.lastSeenAt());
    }
}
