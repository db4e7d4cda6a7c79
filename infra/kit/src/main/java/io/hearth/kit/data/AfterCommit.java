package io.hearth.kit.data;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;

/**
 * Work that must follow a change only once it is durable (telling other instances, waking a relay): run after the
 * transaction in progress commits, never if it rolls back; at once when no transaction is in progress. Use cases
 * declare their transactions with {@code @Transactional}; this is how they hang work on its end without reaching
 * for the transaction themselves.
 */
@Singleton
public class AfterCommit {

    private final TransactionOperations<Connection> tx;

    public AfterCommit(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    public void run(Runnable work) {
        tx.findTransactionStatus().filter(status -> !status.isCompleted()).ifPresentOrElse(status -> status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        }), work);
    }
}
