package io.hearth.circles;

import io.hearth.outbox.DomainEvents;
import io.hearth.outbox.Topics;
import jakarta.inject.Singleton;

/** Circles' domain events, on {@code hearth.circles} (contracts in docs/events.md). */
@Singleton
public class CircleEvents {

    private final DomainEvents events;

    public CircleEvents(DomainEvents events) {
        this.events = events;
    }

    public void record(String type, Object... keysAndValues) {
        events.record(Topics.CIRCLES, type, keysAndValues);
    }
}
