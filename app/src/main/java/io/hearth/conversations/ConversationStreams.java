package io.hearth.conversations;

import io.hearth.identity.Caller;
import io.hearth.realtime.RealtimeStreams;
import io.hearth.tenancy.TenantBound;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What the real-time socket asks of conversations: who may follow which, and where its stream stands. */
@TenantBound
@Singleton
public class ConversationStreams implements RealtimeStreams {

    private final Conversations conversations;
    private final io.hearth.conversations.internal.ConversationRepository rows;

    public ConversationStreams(Conversations conversations, io.hearth.conversations.internal.ConversationRepository rows) {
        this.conversations = conversations;
        this.rows = rows;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Stream> stream(Caller caller, UUID conversationId) {
        return rows.findById(conversationId).flatMap(row -> conversations.access(caller, row)).map(ConversationStreams::stream);
    }

    @Override
    @Transactional(readOnly = true)
    public Set<UUID> visiblePeople(Caller caller, Collection<UUID> people) {
        Set<UUID> shared = new HashSet<>();
        for (Conversations.Access access : conversations.accessible(caller)) {
            if (live(access)) {
                shared.addAll(access.participants());
            }
        }
        Set<UUID> visible = new HashSet<>(people);
        visible.retainAll(shared);
        return visible;
    }

    static Stream stream(Conversations.Access access) {
        return new Stream(access.conversation().id(), access.conversation().epoch(), access.conversation().lastOffset(), live(access),
                access.windows().equals(List.of(Window.ALWAYS)), access.canPost(), Set.copyOf(access.participants()));
    }

    /** He receives what is written from now on: one of his windows is open. */
    static boolean live(Conversations.Access access) {
        return access.windows().stream().anyMatch(window -> window.until() == null);
    }
}
