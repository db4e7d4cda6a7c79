package io.hearth.conversations;

import io.hearth.conversations.internal.MessageRow;
import io.hearth.crypto.FieldCipher;
import io.hearth.identity.People;
import io.hearth.tenancy.Tenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seals and opens message text (AES-256-GCM under the organisation's key, the associated data binding each text to its
 * tenant and message, so a text cannot be moved to another message or organisation) and turns rows into views.
 */
@Singleton
public class MessageViews {

    private final FieldCipher cipher;
    private final People people;

    public MessageViews(FieldCipher cipher, People people) {
        this.cipher = cipher;
        this.people = people;
    }

    /**
     * A message as a reader sees it; a removed one keeps its place with no text.
     *
     * @param offset its position in the conversation's stream: one more than the message before it
     * @param seenBy in a group chat (or a one-to-one with read receipts on), how many others have read up to it
     */
    @Schema(name = "Message")
    @Serdeable
    public record Message(UUID id, UUID conversationId, long offset, UUID authorId, String authorName, @Nullable String text,
                          boolean removed, Instant sentAt, @Nullable Instant editedAt, @Nullable Integer seenBy) {

        Message withSeenBy(@Nullable Integer count) {
            return new Message(id, conversationId, offset, authorId, authorName, text, removed, sentAt, editedAt, count);
        }
    }

    String seal(Tenant tenant, UUID message, String text) {
        return cipher.seal(text, associated(tenant, message));
    }

    String open(Tenant tenant, UUID message, String sealed) {
        return cipher.open(sealed, associated(tenant, message));
    }

    String sealEdit(Tenant tenant, UUID edit, String text) {
        return cipher.seal(text, "message-edit:" + tenant.id().value() + ":" + edit);
    }

    String openEdit(Tenant tenant, UUID edit, String sealed) {
        return cipher.open(sealed, "message-edit:" + tenant.id().value() + ":" + edit);
    }

    /** Views of the rows, names looked up at once; {@code seenBy} per message id when the reader is shown it. */
    List<Message> of(Tenant tenant, List<MessageRow> rows, Map<UUID, Integer> seenBy, boolean withSeenBy) {
        Map<UUID, String> names = people.names(rows.stream().map(MessageRow::authorId).distinct().toList());
        return rows.stream().map(row -> new Message(row.id(), row.conversationId(), row.seq(), row.authorId(),
                names.getOrDefault(row.authorId(), "Someone"),
                row.sealedText() == null ? null : open(tenant, row.id(), row.sealedText()), row.removedAt() != null, row.sentAt(),
                row.editedAt(), withSeenBy ? seenBy.getOrDefault(row.id(), 0) : null)).toList();
    }

    /** The view of a message just written, from its plain text (nothing to open), without {@code seenBy}. */
    Message written(MessageRow row, String plain) {
        String name = people.names(List.of(row.authorId())).getOrDefault(row.authorId(), "Someone");
        return new Message(row.id(), row.conversationId(), row.seq(), row.authorId(), name, plain, false, row.sentAt(), null, null);
    }

    private static String associated(Tenant tenant, UUID message) {
        return "message:" + tenant.id().value() + ":" + message;
    }
}
