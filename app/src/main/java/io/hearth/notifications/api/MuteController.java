package io.hearth.notifications.api;

import io.hearth.identity.Caller;
import io.hearth.notifications.Mutes;
import io.hearth.tenancy.TenantBound;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** The circles he muted. */
@TenantBound
@Controller("/api/v1/me/muted-circles")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MuteController {

    private final Mutes mutes;

    public MuteController(Mutes mutes) {
        this.mutes = mutes;
    }

    @Schema(name = "MutedCircles")
    @Serdeable
    public record MutedCircles(List<Mutes.Muted> items) {
    }

    @Get
    @Operation(summary = "The circles he muted: their chat and announcements reach him in the app only")
    public MutedCircles list(Caller caller) {
        return new MutedCircles(mutes.of(caller));
    }

    @Put("/{circleId}")
    @Operation(summary = "Mute a circle (again: nothing changes); 404 for a circle the organisation does not have",
            description = "Its chat messages and announcements stay in his notification centre but are not mailed, texted or pushed. "
                    + "Meeting changes and must-reach messages are never muted.")
    public MutedCircles mute(Caller caller, @PathVariable UUID circleId) {
        return new MutedCircles(mutes.mute(caller, circleId));
    }

    @Delete("/{circleId}")
    @Operation(summary = "Unmute a circle")
    public MutedCircles unmute(Caller caller, @PathVariable UUID circleId) {
        return new MutedCircles(mutes.unmute(caller, circleId));
    }
}
