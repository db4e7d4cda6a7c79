package io.hearth.notifications.internal;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Writes many men's notifications in one statement, in the transaction of the caller ({@link NotificationTable}). */
@Singleton
public class NotificationWriter {

    private final TransactionOperations<Connection> tx;

    public NotificationWriter(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** The men whose notification was new (one told before for the same source is not written again). */
    public Set<UUID> insertNew(List<NotificationRow> rows) {
        return tx.executeWrite(status -> NotificationTable.insertNew(status.getConnection(), rows));
    }
}
