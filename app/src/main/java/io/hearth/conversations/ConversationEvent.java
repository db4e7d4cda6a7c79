package io.hearth.conversations;

import io.hearth.identity.Role;
import io.hearth.tenancy.TenantEvent;
import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Conversations' domain events, on {@code hearth.conversations} (contracts in docs/events.md). They never carry a
 * message's text (it is sealed at rest; a consumer that shows it reads it through the API as the reader).
 */
public sealed interface ConversationEvent extends TenantEvent {

    String TOPIC = "hearth.conversations";

    @Override
    default String topic() {
        return TOPIC;
    }

    /** {@code recipients}: who is in the conversation now, the author left out. */
    record MessagePosted(TenantId tenant, UUID conversationId, ConversationKind kind, UUID messageId, long offset, UUID authorId,
                         List<UUID> recipients, Instant at) implements ConversationEvent {
    }

    record MessageEdited(TenantId tenant, UUID conversationId, UUID messageId, long offset, UUID authorId, Instant at) implements ConversationEvent {
    }

    /** {@code by} is absent when retention or an erasure removed it. */
    record MessageRemoved(TenantId tenant, UUID conversationId, UUID messageId, long offset, @Nullable UUID by, Instant at) implements ConversationEvent {
    }

    record AnnouncementPosted(TenantId tenant, UUID announcementId, UUID authorId, Audience audience, @Nullable Role role, @Nullable UUID circleId,
                              @Nullable Instant pinnedUntil) implements ConversationEvent {
    }

    record AnnouncementCommented(TenantId tenant, UUID announcementId, UUID commentId, UUID authorId, UUID announcementAuthorId) implements ConversationEvent {
    }
}
