package io.hearth.kit.data;

import java.util.List;
import java.util.function.Supplier;

/**
 * The databases a service's own tables live in. Most services have one; app spreads its organisations over several
 * PostgreSQL clusters, each with the shared tables (outbox, outgoing queues) beside the organisations' schemas it
 * holds. Work that reads or drains the shared tables (a relay, a backlog gauge) runs once per database, inside
 * {@link #on}: every connection it takes there comes from that database.
 */
public interface Databases {

    /** The databases by name, the home database (the one that keeps the directory) first. */
    List<String> names();

    /** Runs the work with its connections (and the transactions it begins) on the named database. */
    <T> T on(String database, Supplier<T> work);

    /** Runs the work once per database, in its order; one database's failure does not keep the others from their turn. */
    default void each(java.util.function.Consumer<String> work) {
        RuntimeException first = null;
        for (String name : names()) {
            try {
                on(name, () -> {
                    work.accept(name);
                    return null;
                });
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
