package io.hearth.gatherings;

import java.util.UUID;

/**
 * Something another feature requires of a man before he is checked in to an event (his waiver acknowledged, say):
 * it throws the refusal that tells the staff why. Every such bean is asked, in the check-in's transaction.
 */
public interface CheckInCondition {

    void require(UUID eventId, UUID personId);
}
