package io.hearth.circles.api;

import io.hearth.circles.CalendarFeeds;
import io.hearth.identity.Caller;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Public;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;

/** Each person's iCalendar feed of his circle's meetings, importable into Google Calendar and Apple Calendar. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CalendarController {

    private final CalendarFeeds feeds;

    public CalendarController(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    @Schema(name = "CalendarFeedResponse")
    @Serdeable
    public record FeedResponse(String url) {
    }

    @Post("/me/calendar-feed")
    @Operation(summary = "Make or reset his secret calendar feed URL", description = "201; the previous URL stops working.")
    public HttpResponse<FeedResponse> reset(Caller caller) {
        return HttpResponse.created(new FeedResponse(feeds.reset(caller)));
    }

    @Get("/calendar/{token}.ics")
    @Public
    @Produces("text/calendar")
    @Operation(summary = "The feed (RFC 5545): the secret in the URL is the only credential, as calendar apps expect")
    public HttpResponse<String> feed(@Parameter(hidden = true) Tenant tenant, @PathVariable @Pattern(regexp = "[A-Za-z0-9_-]{20,100}") String token) {
        return HttpResponse.ok(feeds.calendar(tenant, token)).contentType(MediaType.of("text/calendar; charset=utf-8"))
                .header("Cache-Control", "private, max-age=300");
    }
}
