package io.hearth.conversations;

import io.hearth.ErrorCode;
import io.hearth.circles.CircleView;
import io.hearth.circles.Circles;
import io.hearth.circles.Memberships;
import io.hearth.conversations.internal.AnnouncementRepository;
import io.hearth.conversations.internal.AnnouncementRow;
import io.hearth.conversations.internal.CommentCount;
import io.hearth.conversations.internal.CommentRow;
import io.hearth.crypto.FieldCipher;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.identity.Role;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.realtime.Frame;
import io.hearth.realtime.Realtime;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Announcements: admins and leadership post to the whole organisation, to the holders of a role, or to a circle;
 * facilitators to the circles they run. Members comment unless the author turned comments off; a pinned
 * announcement stays on top of the feed until its pin expires. Titles, bodies and comments are sealed like messages.
 */
@TenantBound
@Singleton
public class Announcements {

    private static final int MAX_TITLE_BYTES = 200;
    private static final int MAX_BODY_BYTES = 8192;

    private final AnnouncementRepository announcements;
    private final Circles circles;
    private final Memberships memberships;
    private final People people;
    private final FieldCipher cipher;
    private final Outbox outbox;
    private final Realtime realtime;
    private final Clock clock;

    public Announcements(AnnouncementRepository announcements, Circles circles, Memberships memberships, People people, FieldCipher cipher,
                         Outbox outbox, Realtime realtime, Clock clock) {
        this.outbox = outbox;
        this.realtime = realtime;
        this.announcements = announcements;
        this.circles = circles;
        this.memberships = memberships;
        this.people = people;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** What an author writes. */
    public record Draft(String title, String body, Audience audience, @Nullable Role role, @Nullable UUID circleId, boolean commentsEnabled,
                        @Nullable Instant pinnedUntil) {
    }

    /**
     * An announcement as its reader sees it.
     *
     * @param pinned   whether it is on top of the feed now (its pin has not expired)
     * @param comments in the feed empty (see {@code commentCount}); whole when one announcement is read
     */
    @Schema(name = "Announcement")
    @Serdeable
    public record Announcement(UUID id, UUID authorId, String authorName, String title, String body, Audience audience, @Nullable Role role,
                               @Nullable UUID circleId, @Nullable String circleName, boolean commentsEnabled, @Nullable Instant pinnedUntil,
                               boolean pinned, Instant publishedAt, long commentCount, List<Comment> comments) {
    }

    @Schema(name = "AnnouncementComment")
    @Serdeable
    public record Comment(UUID id, UUID authorId, String authorName, String text, Instant writtenAt) {
    }

    /** An announcement for him was posted (comments are not in it). */
    @Serdeable
    public record AnnouncementFrame(String type, Announcement announcement) implements Frame {
        public AnnouncementFrame(Announcement announcement) {
            this("announcement", announcement);
        }
    }
    /** An announcement or comment written, and whether this answer repeats an earlier one with the same Idempotency-Key. */
    public record Written<T>(T value, boolean repeated) {
    }

    @Transactional
    public Written<Announcement> post(Caller caller, Draft draft, @Nullable String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<AnnouncementRow> earlier = announcements.findByKey(caller.person(), idempotencyKey);
            if (earlier.isPresent()) {
                return new Written<>(views(caller, List.of(earlier.get()), true).get(0), true);
            }
        }
        String title = text("title", draft.title(), MAX_TITLE_BYTES);
        String body = text("body", draft.body(), MAX_BODY_BYTES);
        mayPost(caller, draft);
        if (draft.pinnedUntil() != null && !draft.pinnedUntil().isAfter(clock.instant())) {
            throw Refusal.invalid("pinnedUntil", "must be in the future");
        }
        UUID id = UUID.randomUUID();
        AnnouncementRow row = announcements.save(new AnnouncementRow(id, caller.person(), draft.audience(),
                draft.audience() == Audience.ROLE ? draft.role().name() : null, draft.audience() == Audience.CIRCLE ? draft.circleId() : null,
                cipher.seal(title, associated(caller.tenant(), "title", id)), cipher.seal(body, associated(caller.tenant(), "body", id)),
                draft.commentsEnabled(), draft.pinnedUntil(), clock.instant(), idempotencyKey));
        outbox.publish(new ConversationEvent.AnnouncementPosted(caller.tenant().id(), id, caller.person(), draft.audience(),
                draft.audience() == Audience.ROLE ? draft.role() : null, row.audienceCircle(), draft.pinnedUntil()));
        Announcement posted = views(caller, List.of(row), true).get(0);
        tell(caller, draft, new AnnouncementFrame(views(caller, List.of(row), false).get(0)));
        return new Written<>(posted, false);
    }

    /** His feed: what is for the whole organisation, his roles, his circles, and what he wrote; pinned first. */
    @Transactional(readOnly = true)
    public Paged<Announcement> feed(Caller caller, int page, int size) {
        List<String> roles = caller.roles().stream().map(Role::name).toList();
        List<UUID> circleIds = readerCircles(caller);
        boolean everything = caller.can(Permission.ORGANISATION_MANAGE);
        List<AnnouncementRow> rows = announcements.feed(caller.person(), roles, circleIds, everything, clock.instant(), size, (long) page * size);
        return new Paged<>(views(caller, rows, false), page, size, announcements.countFeed(caller.person(), roles, circleIds, everything));
    }

    @Transactional(readOnly = true)
    public Announcement get(Caller caller, UUID id) {
        return views(caller, List.of(readable(caller, id)), true).get(0);
    }

    @Transactional
    public Written<Comment> comment(Caller caller, UUID announcementId, String text, @Nullable String idempotencyKey) {
        AnnouncementRow announcement = readable(caller, announcementId);
        if (idempotencyKey != null) {
            Optional<CommentRow> earlier = announcements.findCommentByKey(caller.person(), idempotencyKey);
            if (earlier.isPresent()) {
                if (!earlier.get().announcementId().equals(announcementId)) {
                    throw Refusal.conflict("This Idempotency-Key was used for a comment on another announcement");
                }
                return new Written<>(comments(caller.tenant(), List.of(earlier.get())).get(0), true);
            }
        }
        String plain = MessageText.check("text", text);
        if (!announcement.commentsEnabled()) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.COMMENTS_CLOSED, "The author turned comments off for this announcement");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        announcements.comment(id, announcementId, caller.person(), cipher.seal(plain, associated(caller.tenant(), "comment", id)), now, idempotencyKey);
        outbox.publish(new ConversationEvent.AnnouncementCommented(caller.tenant().id(), announcementId, id, caller.person(), announcement.authorId()));
        return new Written<>(new Comment(id, caller.person(), people.names(List.of(caller.person())).getOrDefault(caller.person(), "Someone"),
                plain, now), false);
    }

    /** Whom an announcement is for, and what it says: for notifications (no caller: a Kafka event names it). */
    public record Reach(String title, String text, @io.micronaut.core.annotation.Nullable String authorName, List<UUID> readers) {
    }

    @Transactional(readOnly = true)
    public Optional<Reach> reach(Tenant tenant, UUID announcementId) {
        return announcements.findById(announcementId).map(row -> {
            Set<UUID> readers = new HashSet<>(switch (row.audience()) {
                case ORGANISATION -> people.active();
                case ROLE -> people.holders(Role.valueOf(row.audienceRole()));
                case CIRCLE -> circleReaders(row.audienceCircle());
            });
            readers.remove(row.authorId());
            return new Reach(cipher.open(row.sealedTitle(), associated(tenant, "title", row.id())),
                    cipher.open(row.sealedBody(), associated(tenant, "body", row.id())), people.names(List.of(row.authorId())).get(row.authorId()), List.copyOf(readers));
        });
    }

    private Set<UUID> circleReaders(UUID circleId) {
        Set<UUID> readers = new HashSet<>(memberships.currentMembers(circleId));
        circles.find(circleId).ifPresent(circle -> circle.facilitators().forEach(f -> readers.add(f.id())));
        return readers;
    }

    private void mayPost(Caller caller, Draft draft) {
        switch (draft.audience()) {
            case ORGANISATION -> {
                if (!caller.can(Permission.ANNOUNCEMENTS_POST)) {
                    throw Refusal.forbidden("Admins and leadership post to the whole organisation");
                }
            }
            case ROLE -> {
                if (draft.role() == null) {
                    throw Refusal.invalid("role", "is required for an announcement to a role");
                }
                if (!caller.can(Permission.ANNOUNCEMENTS_POST)) {
                    throw Refusal.forbidden("Admins and leadership post to a role");
                }
            }
            case CIRCLE -> {
                if (draft.circleId() == null) {
                    throw Refusal.invalid("circleId", "is required for an announcement to a circle");
                }
                CircleView circle = circles.get(caller, draft.circleId());
                if (!caller.can(Permission.ANNOUNCEMENTS_POST) && !Circles.manages(circle, caller)) {
                    throw Refusal.forbidden("A circle's facilitators, admins and leadership post to a circle");
                }
            }
        }
    }

    /** The sockets of those it is for hear of it once it is committed (those who read everything see it in their feed). */
    private void tell(Caller caller, Draft draft, AnnouncementFrame frame) {
        switch (draft.audience()) {
            case ORGANISATION -> realtime.broadcast(caller.tenant(), null, frame);
            case ROLE -> realtime.broadcast(caller.tenant(), draft.role(), frame);
            case CIRCLE -> {
                Set<UUID> readers = circleReaders(draft.circleId());
                readers.add(caller.person());
                realtime.send(caller.tenant(), readers, frame);
            }
        }
    }

    private AnnouncementRow readable(Caller caller, UUID id) {
        return announcements.findById(id).filter(row -> reads(caller, row))
                .orElseThrow(() -> Refusal.notFound("No announcement for you has this id"));
    }

    private boolean reads(Caller caller, AnnouncementRow row) {
        return switch (row.audience()) {
            case ORGANISATION -> true;
            case ROLE -> caller.roles().stream().anyMatch(role -> role.name().equals(row.audienceRole()));
            case CIRCLE -> readerCircles(caller).contains(row.audienceCircle());
        } || row.authorId().equals(caller.person()) || caller.can(Permission.ORGANISATION_MANAGE);
    }

    /** The circles he is in or runs now; never empty, so that the feed's query has a list to compare with. */
    private List<UUID> readerCircles(Caller caller) {
        Set<UUID> ids = new HashSet<>(circles.facilitatedBy(caller.person()));
        memberships.stintsOf(caller.person()).stream().filter(stint -> stint.leftAt() == null).forEach(stint -> ids.add(stint.circleId()));
        if (ids.isEmpty()) {
            ids.add(new UUID(0, 0));
        }
        return List.copyOf(ids);
    }

    private List<Announcement> views(Caller caller, List<AnnouncementRow> rows, boolean withComments) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, Long> counts = new HashMap<>();
        announcements.countComments(rows.stream().map(AnnouncementRow::id).toList()).forEach(c -> counts.put(c.announcementId(), c.count()));
        Map<UUID, String> names = people.names(rows.stream().map(AnnouncementRow::authorId).distinct().toList());
        Instant now = clock.instant();
        List<Announcement> views = new ArrayList<>();
        for (AnnouncementRow row : rows) {
            String circleName = row.audienceCircle() == null ? null : circles.find(row.audienceCircle()).map(CircleView::name).orElse(null);
            List<Comment> comments = withComments ? comments(caller.tenant(), announcements.comments(row.id())) : List.of();
            views.add(new Announcement(row.id(), row.authorId(), names.getOrDefault(row.authorId(), "Someone"),
                    cipher.open(row.sealedTitle(), associated(caller.tenant(), "title", row.id())),
                    cipher.open(row.sealedBody(), associated(caller.tenant(), "body", row.id())), row.audience(),
                    row.audienceRole() == null ? null : Role.valueOf(row.audienceRole()), row.audienceCircle(), circleName, row.commentsEnabled(),
                    row.pinnedUntil(), row.pinnedUntil() != null && row.pinnedUntil().isAfter(now), row.publishedAt(),
                    counts.getOrDefault(row.id(), 0L), comments));
        }
        return views;
    }

    private List<Comment> comments(Tenant tenant, List<CommentRow> rows) {
        Map<UUID, String> names = people.names(rows.stream().map(CommentRow::authorId).distinct().toList());
        return rows.stream().map(row -> new Comment(row.id(), row.authorId(), names.getOrDefault(row.authorId(), "Someone"),
                cipher.open(row.sealedText(), associated(tenant, "comment", row.id())), row.writtenAt())).toList();
    }

    private static String text(String field, String value, int maxBytes) {
        String checked = MessageText.check(field, value);
        int bytes = checked.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw Refusal.invalid(field, "is " + bytes + " bytes; at most " + maxBytes + " bytes of UTF-8");
        }
        return checked;
    }

    private static String associated(Tenant tenant, String part, UUID id) {
        return "announcement-" + part + ":" + tenant.id().value() + ":" + id;
    }
}
