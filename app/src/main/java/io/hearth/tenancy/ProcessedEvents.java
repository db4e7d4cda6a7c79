package io.hearth.tenancy;

import io.hearth.tenancy.internal.ControlTables;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.UUID;

/** The events this service has already acted on: what makes its consumers idempotent (the SQL is {@link ControlTables}'). */
@Singleton
public class ProcessedEvents {

    private final TransactionOperations<Connection> tx;

    public ProcessedEvents(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    public boolean contains(UUID eventId) {
        return tx.executeRead(status -> ControlTables.isProcessed(status.getConnection(), eventId));
    }

    /** Records the event in the current transaction; false when it was already recorded. */
    public boolean record(UUID eventId, String type) {
        return tx.executeWrite(status -> ControlTables.recordProcessed(status.getConnection(), eventId, type));
    }
}
