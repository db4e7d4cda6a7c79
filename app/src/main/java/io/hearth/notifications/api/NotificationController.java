package io.hearth.notifications.api;

import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.notifications.Notifications;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Instant;
import java.util.UUID;

/** His notification centre: newest first, with the unread count; mark one or all read; answer a must-reach one. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NotificationController {

    private final Notifications notifications;

    public NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @Get("/notifications{?unread,before,limit}")
    @Operation(summary = "His notifications, newest first, with unreadCount",
            description = "`unread` (present, or `true`) lists only unread ones; `before` (an instant: the page's `nextBefore`) pages back.")
    public Notifications.Page list(Caller caller, @Nullable @QueryValue String unread, @Nullable @QueryValue Instant before,
                                   @Nullable @QueryValue @Min(1) @Max(100) Integer limit) {
        return notifications.list(caller, flag(unread), before, limit == null ? 30 : limit);
    }

    @Post("/notifications/{id}/read")
    @Operation(summary = "Mark one notification read (again: no change)")
    public Notifications.Notification read(Caller caller, @PathVariable UUID id) {
        return notifications.read(caller, id);
    }

    @Post("/notifications/read-all")
    @Operation(summary = "Mark all his notifications read")
    public Notifications.Unread readAll(Caller caller) {
        return notifications.readAll(caller);
    }

    @Post("/notifications/{id}/acknowledge")
    @Operation(summary = "\"Got it\": answer a must-reach (safety) notification", description = "409 for a notification of another kind.")
    public Notifications.Notification acknowledge(Caller caller, @PathVariable UUID id) {
        return notifications.acknowledge(caller, id);
    }

    /** {@code ?unread} alone means yes, as does {@code ?unread=true}. */
    private static boolean flag(@Nullable String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.isEmpty() || value.equals("true")) {
            return true;
        }
        throw Refusal.invalid("unread", "is true or false (or present alone)");
    }
}
