package io.hearth.architecture.planted;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.util.function.Supplier;

/** Planted for OneWayToTheDatabaseTest: a use case that opens a transaction by hand instead of declaring it. */
public class OpensItsOwnTransaction {

    private final TransactionOperations<Connection> tx;

    public OpensItsOwnTransaction(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    public <T> T inOne(Supplier<T> work) {
        return tx.executeWrite(status -> work.get());
    }
}
