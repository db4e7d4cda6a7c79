package io.hearth.tenancy;

import io.hearth.tenancy.internal.ControlTables;
import jakarta.inject.Singleton;

import java.util.UUID;

/** The events this service has already acted on: what makes its consumers idempotent (the table is {@link ControlTables}'). */
@Singleton
public class ProcessedEvents {

    private final ControlTables tables;

    public ProcessedEvents(ControlTables tables) {
        this.tables = tables;
    }

    public boolean contains(UUID eventId) {
        return tables.isProcessed(eventId);
    }

    /** Records the event in the transaction in progress; false when it was already recorded. */
    public boolean record(UUID eventId, String type) {
        return tables.recordProcessed(eventId, type);
    }
}
