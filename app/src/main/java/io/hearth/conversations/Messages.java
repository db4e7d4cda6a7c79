package io.hearth.conversations;

import io.hearth.ErrorCode;
import io.hearth.conversations.internal.ConversationRepository;
import io.hearth.conversations.internal.ConversationRow;
import io.hearth.conversations.internal.MessageEditRepository;
import io.hearth.conversations.internal.MessageEditRow;
import io.hearth.conversations.internal.MessageRepository;
import io.hearth.conversations.internal.MessageRow;
import io.hearth.conversations.internal.ReadRepository;
import io.hearth.conversations.internal.ReadRow;
import io.hearth.identity.Audit;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.realtime.Frame;
import io.hearth.realtime.Realtime;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Writing, reading, editing, removing and searching messages, each inside what the writer or reader may reach. */
@TenantBound
@Singleton
public class Messages {

    private final Conversations conversations;
    private final ConversationRepository conversationRows;
    private final MessageRepository messages;
    private final MessageEditRepository edits;
    private final ReadRepository reads;
    private final MessageViews views;
    private final Audit audit;
    private final Outbox outbox;
    private final Realtime realtime;
    private final Clock clock;

    public Messages(Conversations conversations, ConversationRepository conversationRows, MessageRepository messages, MessageEditRepository edits,
                    ReadRepository reads, MessageViews views, Audit audit, Outbox outbox, Realtime realtime, Clock clock) {
        this.outbox = outbox;
        this.realtime = realtime;
        this.conversations = conversations;
        this.conversationRows = conversationRows;
        this.messages = messages;
        this.edits = edits;
        this.reads = reads;
        this.views = views;
        this.audit = audit;
        this.clock = clock;
    }

    /** One page of history, newest first; {@code hasMore} when older messages are there to ask for. */
    @Schema(name = "MessagePage")
    @Serdeable
    public record MessagePage(List<MessageViews.Message> items, boolean hasMore, long lastOffset, String epoch) {
    }

    /** A message written, and whether this answer repeats an earlier one with the same Idempotency-Key. */
    public record Posted(MessageViews.Message message, boolean repeated) {
    }

    @Schema(name = "ReadMarker")
    @Serdeable
    public record ReadMarker(UUID conversationId, long offset, long unread) {
    }

    @Schema(name = "MessageEdit")
    @Serdeable
    public record Edit(String text, Instant writtenAt, Instant replacedAt) {
    }

    @Schema(name = "FoundMessage")
    @Serdeable
    public record Found(MessageViews.Message message, String conversationTitle, List<SearchTerms.Highlight> highlights) {
    }

    /**
     * A message written ({@code message}) or edited ({@code message.edited}): the message as the REST history shows it
     * ({@code seenBy} absent). {@code offset} is the publication's place in the conversation's stream; a new message's
     * is its own offset, an edit takes the next one.
     */
    @Serdeable
    public record MessageFrame(String type, UUID conversationId, long offset, String epoch, MessageViews.Message message) implements Frame {
    }

    /** A message removed (its text erased): show the tombstone. */
    @Serdeable
    public record MessageRemoved(String type, UUID conversationId, long offset, String epoch, UUID messageId) implements Frame {
        public MessageRemoved(UUID conversationId, long offset, String epoch, UUID messageId) {
            this("message.removed", conversationId, offset, epoch, messageId);
        }
    }

    /** A man's read marker moved (to his other devices; to the conversation's people where "seen by" is shown). */
    @Serdeable
    public record Read(String type, UUID conversationId, UUID personId, long offset) implements Frame {
        public Read(UUID conversationId, UUID personId, long offset) {
            this("read", conversationId, personId, offset);
        }
    }

    @Transactional(readOnly = true)
    public MessagePage history(Caller caller, UUID conversationId, @Nullable Long before, @Nullable Long after, int limit) {
        Conversations.Access access = conversations.readable(caller, conversationId);
        List<MessageRow> rows = messages.page(conversationId, access.multirange(), after == null ? 0 : after,
                before == null ? Long.MAX_VALUE : before, limit + 1);
        boolean more = rows.size() > limit;
        List<MessageRow> page = more ? rows.subList(0, limit) : rows;
        ConversationRow row = access.conversation();
        return new MessagePage(views.of(caller.tenant(), page, seenBy(access, page), showsSeenBy(access)), more, row.lastOffset(), row.epoch());
    }

    /**
     * Writes a message. With an Idempotency-Key, the same key from the same man answers the message it wrote the first
     * time (an offline outbox sending again), so each message is written exactly once.
     */
    @Transactional
    public Posted post(Caller caller, UUID conversationId, String text, @Nullable String idempotencyKey) {
        String plain = MessageText.check("text", text);
        Conversations.Access access = conversations.readable(caller, conversationId);
        // The conversation's row is locked from here to the end: offsets commit in order, and a repeat waits for the first.
        conversationRows.lock(conversationId);
        if (idempotencyKey != null) {
            Optional<MessageRow> earlier = messages.findByKey(caller.person(), idempotencyKey);
            if (earlier.isPresent()) {
                if (!earlier.get().conversationId().equals(conversationId)) {
                    throw Refusal.conflict("This Idempotency-Key was used for a message in another conversation");
                }
                return new Posted(one(caller, access, earlier.get()), true);
            }
        }
        if (!access.canPost()) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.CONVERSATION_NOT_ALLOWED, access.refusal());
        }
        long offset = conversationRows.nextOffset(conversationId);
        UUID id = UUID.randomUUID();
        // as PostgreSQL keeps it, so the answer and the frame say what a later read says
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String sealed = views.seal(caller.tenant(), id, plain);
        messages.insert(id, conversationId, offset, caller.person(), sealed, plain, now, idempotencyKey);
        reads.markRead(conversationId, caller.person(), offset, now);
        outbox.publish(new ConversationEvent.MessagePosted(caller.tenant().id(), conversationId, access.conversation().kind(), id, offset,
                caller.person(), access.participants().stream().filter(p -> !p.equals(caller.person())).sorted().toList(), now));
        // Built from what was written, not read back: the row is locked until commit, so keep the work under it small.
        // Nobody else has read up to a message that has just taken the newest offset: it is seen by none yet.
        MessageViews.Message written = views.written(new MessageRow(id, conversationId, offset, caller.person(), sealed, now, null, null, null,
                idempotencyKey), plain);
        realtime.publish(caller.tenant(), conversationId, offset, withAuthor(access.participants(), caller.person()),
                new MessageFrame("message", conversationId, offset, access.conversation().epoch(), written));
        return new Posted(showsSeenBy(access) ? written.withSeenBy(0) : written, false);
    }

    /** The author changes his text; the text it had is kept (sealed) as history. */
    @Transactional
    public MessageViews.Message edit(Caller caller, UUID messageId, String text) {
        String plain = MessageText.check("text", text);
        MessageRow row = readableMessage(caller, messageId);
        Conversations.Access access = conversations.readable(caller, row.conversationId());
        if (!row.authorId().equals(caller.person())) {
            throw Refusal.forbidden("Only its author edits a message");
        }
        if (row.removedAt() != null) {
            throw Refusal.conflict("The message was removed");
        }
        if (!access.canPost()) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.CONVERSATION_NOT_ALLOWED, access.refusal());
        }
        // An edit is a publication of its own in the conversation's stream: it takes the next offset, under the row lock.
        conversationRows.lock(row.conversationId());
        Instant now = clock.instant();
        UUID editId = UUID.randomUUID();
        String before = views.open(caller.tenant(), row.id(), row.sealedText());
        edits.save(new MessageEditRow(editId, row.id(), views.sealEdit(caller.tenant(), editId, before),
                row.editedAt() == null ? row.sentAt() : row.editedAt(), now));
        if (messages.edit(row.id(), views.seal(caller.tenant(), row.id(), plain), plain, now) == 0) {
            throw Refusal.conflict("The message was removed");
        }
        outbox.publish(new ConversationEvent.MessageEdited(caller.tenant().id(), row.conversationId(), row.id(), row.seq(), caller.person(), now));
        long offset = conversationRows.nextOffset(row.conversationId());
        MessageRow edited = messages.findById(messageId).orElseThrow();
        realtime.publish(caller.tenant(), row.conversationId(), offset, withAuthor(access.participants(), caller.person()),
                frame("message.edited", caller.tenant(), access.conversation(), offset, edited));
        return one(caller, access, edited);
    }

    /**
     * Removes a message: its text and every earlier text are erased, a tombstone keeps its place. Its author may; an
     * admin may in an organisation channel (a circle's or an event's chat), audited, without reading it.
     */
    @Transactional
    public void remove(Caller caller, UUID messageId) {
        MessageRow row = messages.findById(messageId).orElseThrow(() -> Refusal.notFound("No message of yours has this id"));
        ConversationRow conversation = conversationRows.findById(row.conversationId()).orElseThrow();
        Optional<Conversations.Access> access = conversations.access(caller, conversation);
        boolean author = row.authorId().equals(caller.person()) && access.isPresent();
        boolean moderator = !author && conversations.moderated(caller, row.conversationId()).isPresent();
        if (!author && !moderator) {
            if (access.filter(a -> a.windows().stream().anyMatch(w -> w.contains(row.sentAt()))).isPresent()) {
                throw Refusal.forbidden("Only its author or an admin removes a message");
            }
            throw Refusal.notFound("No message of yours has this id");
        }
        if (row.removedAt() != null) {
            return;
        }
        erase(caller.tenant(), conversation, conversations.participants(conversation), row, clock.instant(), caller.person());
        if (moderator) {
            audit.byCaller(caller, AuditAction.MESSAGE_REMOVED, row.authorId(),
                    Map.of("message", row.id().toString(), "conversation", row.conversationId().toString()));
        }
    }

    @Transactional(readOnly = true)
    public List<Edit> edits(Caller caller, UUID messageId) {
        MessageRow row = readableMessage(caller, messageId);
        if (!row.authorId().equals(caller.person()) && conversations.moderated(caller, row.conversationId()).isEmpty()) {
            throw Refusal.forbidden("A message's earlier texts are for its author and admins");
        }
        return edits.findByMessageIdOrderByReplacedAt(messageId).stream()
                .map(edit -> new Edit(views.openEdit(caller.tenant(), edit.id(), edit.sealedText()), edit.writtenAt(), edit.replacedAt()))
                .toList();
    }

    /** Moves his read marker forward to the offset (or to the newest message); it never moves back. */
    @Transactional
    public ReadMarker read(Caller caller, UUID conversationId, @Nullable Long offset) {
        Conversations.Access access = conversations.readable(caller, conversationId);
        long last = access.conversation().lastOffset();
        long upTo = offset == null ? last : Math.min(offset, last);
        if (upTo < 0) {
            throw Refusal.invalid("offset", "must be 0 or more");
        }
        long before = reads.offsetOf(conversationId, caller.person()).orElse(0L);
        long marker = reads.markRead(conversationId, caller.person(), upTo, clock.instant());
        if (marker > before) {
            // His other devices always hear of it; the others only where "seen by" is shown.
            realtime.send(caller.tenant(), showsSeenBy(access) ? withAuthor(access.participants(), caller.person()) : Set.of(caller.person()),
                    new Read(conversationId, caller.person(), marker));
        }
        return new ReadMarker(conversationId, marker, messages.unread(conversationId, access.multirange(), marker, caller.person()));
    }

    /** Full-text search over the conversations he may read (or one of them), inside what he may read of each. */
    @Transactional
    public List<Found> search(Caller caller, String query, @Nullable UUID conversationId, int limit) {
        SearchTerms terms = SearchTerms.parse(query);
        List<Conversations.Access> scope = new ArrayList<>();
        if (conversationId != null) {
            scope.add(conversations.readable(caller, conversationId));
        } else {
            scope.addAll(conversations.accessible(caller));
        }
        List<Found> found = new ArrayList<>();
        for (Conversations.Access access : scope) {
            List<MessageRow> rows = messages.search(access.conversation().id(), access.multirange(), terms.tsquery(), limit);
            for (MessageViews.Message message : views.of(caller.tenant(), rows, Map.of(), false)) {
                found.add(new Found(message, access.title(), terms.highlight(message.text())));
            }
        }
        found.sort(Comparator.comparing((Found f) -> f.message().sentAt()).reversed());
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    /** Erases the text of every message he wrote (his personal data is erased). */
    @Transactional
    public int eraseAuthor(Tenant tenant, UUID person) {
        Instant now = clock.instant();
        List<MessageRow> rows = messages.findLiveByAuthor(person);
        Map<UUID, List<MessageRow>> byConversation = new HashMap<>();
        rows.forEach(row -> byConversation.computeIfAbsent(row.conversationId(), c -> new ArrayList<>()).add(row));
        byConversation.forEach((conversationId, his) -> {
            ConversationRow conversation = conversationRows.findById(conversationId).orElseThrow();
            Set<UUID> participants = conversations.participants(conversation);
            his.forEach(row -> erase(tenant, conversation, participants, row, now, null));
        });
        return rows.size();
    }

    /** Erases the text of messages older than their conversation's retention (its own, else the organisation's), a batch per conversation. */
    @Transactional
    public int applyRetention(Tenant tenant, int batch) {
        Integer organisationDays = conversations.rules().retentionDays();
        Instant now = clock.instant();
        int erased = 0;
        for (ConversationRow conversation : conversationRows.findAll()) {
            Integer days = conversation.retentionDays() != null ? conversation.retentionDays() : organisationDays;
            if (days == null) {
                continue;
            }
            List<MessageRow> old = messages.findOlderThan(conversation.id(), now.minus(Duration.ofDays(days)), batch);
            if (old.isEmpty()) {
                continue;
            }
            Set<UUID> participants = conversations.participants(conversation);
            for (MessageRow row : old) {
                erase(tenant, conversation, participants, row, now, null);
                erased++;
            }
        }
        return erased;
    }

    /**
     * Erases a message's text and earlier texts. The removal is a publication in the conversation's stream: it takes
     * the next offset under the conversation's row lock, and its people's sockets show the tombstone.
     */
    private void erase(Tenant tenant, ConversationRow conversation, Set<UUID> participants, MessageRow row, Instant at, @Nullable UUID by) {
        conversationRows.lock(conversation.id());
        edits.eraseFor(row.id());
        if (messages.remove(row.id(), at, by) > 0) {
            long offset = conversationRows.nextOffset(conversation.id());
            outbox.publish(new ConversationEvent.MessageRemoved(tenant.id(), row.conversationId(), row.id(), row.seq(), by, at));
            realtime.publish(tenant, conversation.id(), offset, participants,
                    new MessageRemoved(conversation.id(), offset, conversation.epoch(), row.id()));
        }
    }

    private MessageFrame frame(String type, Tenant tenant, ConversationRow conversation, long offset, MessageRow row) {
        return new MessageFrame(type, conversation.id(), offset, conversation.epoch(),
                views.of(tenant, List.of(row), Map.of(), false).get(0));
    }

    private static Set<UUID> withAuthor(Set<UUID> participants, UUID author) {
        Set<UUID> people = new java.util.HashSet<>(participants);
        people.add(author);
        return people;
    }

    private MessageRow readableMessage(Caller caller, UUID messageId) {
        return messages.findById(messageId)
                .filter(row -> conversationRows.findById(row.conversationId()).flatMap(c -> conversations.access(caller, c))
                        .filter(access -> access.windows().stream().anyMatch(w -> w.contains(row.sentAt()))).isPresent())
                .orElseThrow(() -> Refusal.notFound("No message of yours has this id"));
    }

    private MessageViews.Message one(Caller caller, Conversations.Access access, MessageRow row) {
        return views.of(caller.tenant(), List.of(row), seenBy(access, List.of(row)), showsSeenBy(access)).get(0);
    }

    private boolean showsSeenBy(Conversations.Access access) {
        return access.conversation().kind() != ConversationKind.DIRECT || conversations.rules().directReadReceipts();
    }

    /** For each message, how many of the conversation's people other than its author have read up to it. */
    private Map<UUID, Integer> seenBy(Conversations.Access access, List<MessageRow> rows) {
        Map<UUID, Integer> seen = new HashMap<>();
        if (rows.isEmpty() || !showsSeenBy(access)) {
            return seen;
        }
        List<ReadRow> markers = reads.findByConversation(access.conversation().id());
        for (MessageRow row : rows) {
            int count = 0;
            for (ReadRow marker : markers) {
                if (!marker.personId().equals(row.authorId()) && access.participants().contains(marker.personId())
                        && marker.readOffset() >= row.seq()) {
                    count++;
                }
            }
            seen.put(row.id(), count);
        }
        return seen;
    }
}
