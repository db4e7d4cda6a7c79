package io.hearth.realtime;

import io.hearth.identity.Caller;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the socket asks of the feature that owns conversations (it implements this; the socket knows no conversation
 * of its own): may this caller follow a conversation, where does its stream stand, whose presence may he see.
 */
public interface RealtimeStreams {

    /**
     * Where a conversation the caller may read stands.
     *
     * @param epoch        changes only if the conversation's offsets restarted (a restore): offsets of another epoch mean nothing
     * @param lastOffset   the offset of its newest publication
     * @param live         he receives what is published from now on (a man who left his circle reads his past only)
     * @param wholeHistory he reads all of it, not only his own times in it (so replay gives him every publication)
     * @param canType      he may write in it now
     * @param people       who is in it now
     */
    record Stream(UUID conversationId, String epoch, long lastOffset, boolean live, boolean wholeHistory, boolean canType, Set<UUID> people) {
    }

    Optional<Stream> stream(Caller caller, UUID conversationId);

    /** Those of the people whose presence he may see: the men he shares a conversation with. */
    Set<UUID> visiblePeople(Caller caller, Collection<UUID> people);
}
