package io.hearth.conversations.api;

import io.hearth.conversations.Announcements;
import io.hearth.conversations.Audience;
import io.hearth.identity.Caller;
import io.hearth.identity.Role;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** Announcements to the organisation, a role or a circle, and their comments. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AnnouncementController {

    private final Announcements announcements;

    public AnnouncementController(Announcements announcements) {
        this.announcements = announcements;
    }

    @Schema(name = "AnnouncementRequest")
    @Serdeable
    public record AnnouncementRequest(@NotNull @Size(max = 1000) String title, @NotNull @Size(max = 16384) String body, @NotNull Audience audience,
                                      @Nullable Role role, @Nullable UUID circleId, @Nullable Boolean commentsEnabled, @Nullable Instant pinnedUntil) {
    }

    @Schema(name = "CommentRequest")
    @Serdeable
    public record CommentRequest(@NotNull @Size(max = 16384) String text) {
    }

    @Get("/announcements{?page,size}")
    @Operation(summary = "His announcements feed: for the organisation, his roles, his circles; pinned ones first, then the newest")
    public Paged<Announcements.Announcement> feed(Caller caller, @Nullable @QueryValue @Min(0) @Max(100000) Integer page,
                                                  @Nullable @QueryValue @Min(1) @Max(100) Integer size) {
        return announcements.feed(caller, page == null ? 0 : page, size == null ? 20 : size);
    }

    @Post("/announcements")
    @Operation(summary = "Post an announcement", description = "201. ORGANISATION and ROLE: admins and leadership; CIRCLE: also the "
            + "circle's facilitators. With an Idempotency-Key, a repeat answers 200 with the announcement posted the first time.")
    public HttpResponse<Announcements.Announcement> post(Caller caller, @Body @Valid AnnouncementRequest request,
                                                         @Nullable @Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        Announcements.Written<Announcements.Announcement> written = announcements.post(caller, new Announcements.Draft(request.title(),
                request.body(), request.audience(), request.role(), request.circleId(),
                request.commentsEnabled() == null || request.commentsEnabled(), request.pinnedUntil()), idempotencyKey);
        return written.repeated() ? HttpResponse.ok(written.value())
                : HttpResponse.created(written.value(), URI.create("/api/v1/announcements/" + written.value().id()));
    }

    @Get("/announcements/{id}")
    @Operation(summary = "One announcement with its comments")
    public Announcements.Announcement get(Caller caller, @PathVariable UUID id) {
        return announcements.get(caller, id);
    }

    @Post("/announcements/{id}/comments")
    @Operation(summary = "Comment on an announcement", description = "201; 409 COMMENTS_CLOSED when its author turned comments off. "
            + "With an Idempotency-Key, a repeat answers 200 with the comment written the first time.")
    public HttpResponse<Announcements.Comment> comment(Caller caller, @PathVariable UUID id, @Body @Valid CommentRequest request,
                                                       @Nullable @Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        Announcements.Written<Announcements.Comment> written = announcements.comment(caller, id, request.text(), idempotencyKey);
        return written.repeated() ? HttpResponse.ok(written.value()) : HttpResponse.created(written.value());
    }
}
