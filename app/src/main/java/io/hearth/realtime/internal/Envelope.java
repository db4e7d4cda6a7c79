package io.hearth.realtime.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.UUID;

/**
 * What travels between instances on an organisation's channel, and what a conversation's stream keeps: a frame
 * (sealed with the platform's field key when it can carry personal text), and whom it is for.
 *
 * @param kind           who receives it: {@link Kind}
 * @param conversationId the conversation a STREAM or TYPING frame belongs to
 * @param offset         a STREAM frame's offset in its conversation (0 otherwise)
 * @param to             the people it is for (STREAM, PEOPLE, TYPING)
 * @param role           ROLE: the role whose holders receive it
 * @param subject        PRESENCE: whose presence; TYPING: who types
 * @param at             when it was published (epoch milliseconds)
 * @param id             unique, and part of the sealed frame's associated data
 * @param frame          the frame's JSON, or its sealed form when {@code sealed}
 */
@Serdeable
public record Envelope(Kind kind, @Nullable UUID conversationId, long offset, @Nullable List<UUID> to, @Nullable String role,
                       @Nullable UUID subject, long at, String id, String frame, boolean sealed) {

    public enum Kind {
        /** A conversation's publication, kept for recovery: to its people and to sockets that watch the conversation. */
        STREAM,
        /** To these people's sockets. */
        PEOPLE,
        /** To every socket of the organisation. */
        ALL,
        /** To the sockets of those who hold the role. */
        ROLE,
        /** A person's presence changed: to the sockets that watch him. */
        PRESENCE,
        /** Someone types in a conversation: to its people and its watchers, never back to him. */
        TYPING
    }
}
