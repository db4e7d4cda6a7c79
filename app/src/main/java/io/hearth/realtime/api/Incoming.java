package io.hearth.realtime.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.UUID;

/** A frame a client sends: its {@code type} says which of the fields it uses (docs/realtime.md). */
@Serdeable
record Incoming(@Nullable String type, @Nullable String token, @Nullable List<Cursor> conversations, @Nullable UUID conversationId,
                @Nullable List<UUID> people, @Nullable String status) {

    /** Where a client stands in a conversation: the last offset it has, of which epoch. */
    @Serdeable
    record Cursor(@Nullable UUID conversationId, @Nullable Long offset, @Nullable String epoch) {
    }
}
