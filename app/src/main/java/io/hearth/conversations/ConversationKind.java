package io.hearth.conversations;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a conversation is: a circle's chat, an event's staff chat, or two men's one-to-one. */
@Schema(name = "ConversationKind")
public enum ConversationKind {
    CIRCLE,
    EVENT_STAFF,
    DIRECT
}
