package io.hearth.tenancy;

import io.hearth.kit.data.Databases;
import io.hearth.tenancy.internal.ClusterPools;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The PostgreSQL clusters organisations' schemas live on: the home cluster ({@code hearth.db.*}, named by
 * {@code hearth.db.cluster}), which keeps the tenant directory and the other platform-wide tables, and any number
 * more ({@link ClusterConfiguration}, {@code HEARTH_DB_EXTRA_CLUSTERS}). app holds a pool per cluster
 * ({@link ClusterPools}); the data source every repository and transaction uses routes each new connection to the
 * cluster of the work in hand: the one named by {@link #on}, else the cluster of the organisation in scope, else home.
 * A transaction keeps the connection it began with.
 */
@Singleton
@Primary
public class DatabaseClusters implements Databases {

    private final ClusterPools pools;

    public DatabaseClusters(ClusterPools pools) {
        this.pools = pools;
    }

    /** The cluster that keeps the directory. */
    public String home() {
        return pools.home();
    }

    @Override
    public List<String> names() {
        return pools.names();
    }

    public boolean exists(String cluster) {
        return pools.exists(cluster);
    }

    @Override
    public <T> T on(String cluster, Supplier<T> work) {
        return pools.on(cluster, work);
    }

    /**
     * Runs the work against the platform-wide tables on the home cluster (the directory, the payment accounts). Inside
     * a transaction on another cluster it runs in a transaction of its own: the work's writes commit apart from it.
     */
    public <T> T onHome(Supplier<T> work) {
        return pools.onHome(work);
    }

    /**
     * An organisation's lock for operations on its schema, across every instance, until closed; empty when another
     * holds it. Released by the database if its holder dies.
     */
    public java.util.Optional<AutoCloseable> tryLock(TenantId tenant) {
        return pools.tryLock(tenant.value());
    }

    /** The cluster a new connection goes to now. */
    public String routed() {
        return pools.routed();
    }

    /**
     * Where a new organisation's schema goes: the cluster asked for, or the one with the fewest schemas (home on a tie).
     *
     * @param schemas how many schemas each cluster holds now (a cluster that holds none may be missing)
     */
    public String placeNew(String requested, Map<String, Long> schemas) {
        return placement(names(), home(), requested, schemas);
    }

    static String placement(List<String> names, String home, String requested, Map<String, Long> schemas) {
        if (requested != null && !requested.isBlank()) {
            if (!names.contains(requested)) {
                throw new IllegalArgumentException("no database cluster " + requested);
            }
            return requested;
        }
        List<String> candidates = new ArrayList<>(names);
        candidates.sort(Comparator.comparingLong((String name) -> schemas.getOrDefault(name, 0L)).thenComparing(name -> !name.equals(home)));
        return candidates.get(0);
    }
}
