package io.hearth.notifications;

import io.hearth.circles.CircleView;
import io.hearth.circles.Circles;
import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.notifications.internal.MuteRepository;
import io.hearth.notifications.internal.MuteRow;
import io.hearth.tenancy.TenantBound;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Circles a man muted: their chat messages and announcements stay in his notification centre but are not mailed,
 * texted or pushed to him. Meeting changes and must-reach messages are never muted.
 */
@TenantBound
@Singleton
public class Mutes {

    private final MuteRepository mutes;
    private final Circles circles;
    private final Clock clock;

    public Mutes(MuteRepository mutes, Circles circles, Clock clock) {
        this.mutes = mutes;
        this.circles = circles;
        this.clock = clock;
    }

    @Schema(name = "MutedCircle")
    @Serdeable
    public record Muted(UUID circleId, String name, Instant mutedAt) {
    }

    @Transactional(readOnly = true)
    public List<Muted> of(Caller caller) {
        List<Muted> muted = new ArrayList<>();
        for (MuteRow row : mutes.of(caller.person())) {
            circles.find(row.circleId()).ifPresent(circle -> muted.add(new Muted(circle.id(), circle.name(), row.mutedAt())));
        }
        return muted;
    }

    /** Mutes a circle of his organisation (again: nothing changes); a circle it does not have is 404. */
    @Transactional
    public List<Muted> mute(Caller caller, UUID circleId) {
        Optional<CircleView> circle = circles.find(circleId);
        if (circle.isEmpty()) {
            throw Refusal.notFound("No such circle");
        }
        mutes.mute(caller.person(), circleId, clock.instant());
        return of(caller);
    }

    @Transactional
    public List<Muted> unmute(Caller caller, UUID circleId) {
        mutes.unmute(caller.person(), circleId);
        return of(caller);
    }

    /** Which of these men muted this circle. */
    @Transactional(readOnly = true)
    public Set<UUID> mutedAmong(UUID circleId, Collection<UUID> men) {
        return men.isEmpty() ? Set.of() : new HashSet<>(mutes.mutedAmong(circleId, men));
    }
}
