package io.hearth.notifications.api;

import io.hearth.identity.Caller;
import io.hearth.notifications.DigestFrequency;
import io.hearth.notifications.Preferences;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What he wants to hear about, per kind and channel, and his quiet hours. */
@TenantBound
@Controller("/api/v1/me")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PreferenceController {

    private final Preferences preferences;

    public PreferenceController(Preferences preferences) {
        this.preferences = preferences;
    }

    @Schema(name = "NotificationPreferencesRequest")
    @Serdeable
    public record PreferencesRequest(@NotNull @Size(max = 200) List<Preferences.@NotNull Setting> items) {
    }

    @Schema(name = "QuietHoursRequest")
    @Serdeable
    public record QuietHoursRequest(@Nullable @Size(max = 5) String from, @Nullable @Size(max = 5) String to, @Nullable @Size(max = 64) String timeZone) {
    }

    @Schema(name = "NotificationScheduleRequest")
    @Serdeable
    public record ScheduleRequest(@Nullable DigestFrequency digest, @Nullable @Size(max = 64) String timeZone) {
    }

    @Get("/notification-preferences")
    @Operation(summary = "His level per kind and channel (ALL, DIRECT, DIGEST, OFF), and which channels are verified")
    public Preferences.View get(Caller caller) {
        return preferences.get(caller);
    }

    @Put("/notification-preferences")
    @Operation(summary = "Change the settings named; the others stay",
            description = "422 CHANNEL_NOT_VERIFIED to turn on a channel he has not verified; 422 for DIGEST outside EMAIL or a safety kind below ALL.")
    public Preferences.View put(Caller caller, @Body @Valid PreferencesRequest request) {
        return preferences.put(caller, request.items());
    }

    @Get("/quiet-hours")
    @Operation(summary = "His quiet hours (from, to as HH:mm; absent when none) and the time zone they are read in (his profile's)")
    public Preferences.QuietHoursView quietHours(Caller caller) {
        return preferences.quietHours(caller);
    }

    @Put("/quiet-hours")
    @Operation(summary = "Set his quiet hours (from after to wraps midnight); both absent clears them; a timeZone given becomes his profile's")
    public Preferences.QuietHoursView setQuietHours(Caller caller, @Body @Valid QuietHoursRequest request) {
        return preferences.setQuietHours(caller, new Preferences.QuietHoursView(request.from(), request.to(), request.timeZone()));
    }

    @Get("/notification-schedule")
    @Operation(summary = "How often his digest mail comes (DAILY or WEEKLY, at 07:00 on his clock) and in which time zone")
    public Preferences.Schedule schedule(Caller caller) {
        return preferences.schedule(caller);
    }

    @Put("/notification-schedule")
    @Operation(summary = "Choose a daily or weekly digest; a timeZone given (IANA) becomes his profile's, left out his profile's stays")
    public Preferences.Schedule setSchedule(Caller caller, @Body @Valid ScheduleRequest request) {
        return preferences.setSchedule(caller, request.digest(), request.timeZone());
    }
}
