package io.hearth.helpdesk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;

/**
 * A ticket's service levels as a pure function of its times: the first answer is due {@code firstResponseMinutes} and
 * the solution {@code resolutionMinutes} after it was opened, plus the time it spent waiting for the member (the clock
 * stops while it waits, and runs again when he replies). A level is breached when it was met late or is still unmet
 * after its due time; while the clock is stopped, nothing more is due.
 *
 * @param firstResponseDueAt null when the category sets no such level
 * @param paused             whether the clock is stopped now (waiting for the member)
 * @param pausedSeconds      how long the clock has been stopped in all, until now
 */
@Schema(name = "TicketServiceLevel")
@Serdeable
public record ServiceLevel(@Nullable Instant firstResponseDueAt, @Nullable Instant firstResponseAt, boolean firstResponseBreached,
                           @Nullable Instant resolutionDueAt, @Nullable Instant solvedAt, boolean resolutionBreached, boolean paused, long pausedSeconds) {

    /** The times of one ticket, as stored. */
    public record Clock(Instant openedAt, @Nullable Integer firstResponseMinutes, @Nullable Integer resolutionMinutes, @Nullable Instant firstResponseAt,
                        @Nullable Instant solvedAt, @Nullable Instant pausedSince, long pausedSeconds) {
    }

    public static ServiceLevel of(Clock clock, Instant now) {
        long paused = clock.pausedSeconds() + (clock.pausedSince() == null ? 0 : Math.max(0, Duration.between(clock.pausedSince(), now).getSeconds()));
        Instant firstDue = due(clock.openedAt(), clock.firstResponseMinutes(), paused);
        Instant resolutionDue = due(clock.openedAt(), clock.resolutionMinutes(), paused);
        boolean stopped = clock.pausedSince() != null;
        return new ServiceLevel(firstDue, clock.firstResponseAt(), breached(firstDue, clock.firstResponseAt(), stopped, now),
                resolutionDue, clock.solvedAt(), breached(resolutionDue, clock.solvedAt(), stopped, now), stopped, paused);
    }

    /** The seconds stopped in all once a pause that began at {@code since} ends {@code now}. */
    public static long resumed(long pausedSeconds, @Nullable Instant since, Instant now) {
        return since == null ? pausedSeconds : pausedSeconds + Math.max(0, Duration.between(since, now).getSeconds());
    }

    private static Instant due(Instant openedAt, @Nullable Integer minutes, long pausedSeconds) {
        return minutes == null ? null : openedAt.plusSeconds(minutes * 60L + pausedSeconds);
    }

    private static boolean breached(@Nullable Instant due, @Nullable Instant metAt, boolean stopped, Instant now) {
        if (due == null) {
            return false;
        }
        if (metAt != null) {
            return metAt.isAfter(due);
        }
        return !stopped && now.isAfter(due);
    }
}
