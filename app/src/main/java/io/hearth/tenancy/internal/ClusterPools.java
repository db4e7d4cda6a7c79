package io.hearth.tenancy.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import io.hearth.tenancy.ClusterConfiguration;
import io.hearth.tenancy.TenantScope;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.PropagatedContextElement;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The pools of app's PostgreSQL clusters and the data source that routes between them ({@code DatabaseClusters} is
 * tenancy's face of them): a pool per cluster besides home (home's is the {@code default} data source Micronaut
 * makes), connections of their own for long work (a copy, a dump), and the home tables' own transaction.
 */
@Singleton
public class ClusterPools {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPools.class);

    /** The cluster named for the work in hand, carried in the propagated context; it wins over the organisation's. */
    public record On(String cluster) implements PropagatedContextElement {
    }

    /** How to open a connection of its own to a cluster (Flyway, a copy), apart from the pools. */
    public record Settings(String name, String url, String username, String password) {
    }

    private final String home;
    private final Map<String, Settings> settings = new LinkedHashMap<>();
    private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();
    private final BeanProvider<TransactionOperations<Connection>> transactions;
    private volatile DataSource homePool;

    public ClusterPools(@Property(name = "hearth.db.cluster") String home, @Property(name = "hearth.db.url") String url,
                            @Property(name = "hearth.db.username") String username, @Property(name = "hearth.db.password") String password,
                            List<ClusterConfiguration> configured,
                            @Property(name = "hearth.db.extra-clusters", defaultValue = "") String extra,
                            @Property(name = "hearth.db.extra-cluster-passwords", defaultValue = "") String extraPasswords,
                            BeanProvider<TransactionOperations<Connection>> transactions) {
        this.home = requireName(home);
        this.transactions = transactions;
        settings.put(home, new Settings(home, url, username, password));
        List<ClusterConfiguration> others = new ArrayList<>(configured);
        others.addAll(fromEnvironment(extra, extraPasswords, username));
        others.stream().sorted(Comparator.comparing(ClusterConfiguration::name)).forEach(other -> {
            String name = requireName(other.name());
            if (settings.containsKey(name)) {
                throw new IllegalStateException("database cluster " + name + " is named twice (hearth.db.cluster and hearth.db.clusters)");
            }
            if (other.url() == null || other.url().isBlank()) {
                throw new IllegalStateException("database cluster " + name + " has no url (hearth.db.clusters." + name + ".url)");
            }
            Settings cluster = new Settings(name, other.url(), other.username(), other.password());
            settings.put(name, cluster);
            migrateShared(cluster);
            pools.put(name, pool(cluster, other.maximumPoolSize()));
        });
    }

    /**
     * Clusters given as one setting each (what a container's environment carries): {@code HEARTH_DB_EXTRA_CLUSTERS}
     * {@code "pg-2=jdbc:postgresql://...;pg-3=jdbc:..."} and, from the Secret, {@code HEARTH_DB_EXTRA_CLUSTER_PASSWORDS}
     * {@code "pg-2=...;pg-3=..."}; app signs in to each with its home login's user name.
     */
    static List<ClusterConfiguration> fromEnvironment(String extra, String passwords, String username) {
        Map<String, String> secrets = pairs(passwords, "hearth.db.extra-cluster-passwords");
        List<ClusterConfiguration> clusters = new ArrayList<>();
        pairs(extra, "hearth.db.extra-clusters").forEach((name, jdbc) ->
                clusters.add(new ClusterConfiguration(name, jdbc, username, secrets.getOrDefault(name, ""), 20)));
        return clusters;
    }

    private static Map<String, String> pairs(String text, String setting) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalStateException(setting + ": each entry is name=value, separated by ';'");
            }
            pairs.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
        }
        return pairs;
    }

    private static String requireName(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalStateException("a database cluster's name is lower-case letters, digits and dashes: " + name);
        }
        return name;
    }

    /** The shared tables on a cluster besides home, as home has them (the outbox and queues its organisations' writes go with). */
    private static void migrateShared(Settings cluster) {
        try {
            Flyway.configure().dataSource(cluster.url(), cluster.username(), cluster.password())
                    .schemas("public").defaultSchema("public").locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            // A cluster out of reach at start-up must not keep every other organisation from being served: its own
            // organisations answer 503 until it is back and app restarts.
            LOG.error("database cluster {}: its shared tables could not be migrated; its organisations cannot be served", cluster.name(), e);
        }
    }

    private static HikariDataSource pool(Settings cluster, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("cluster-" + cluster.name());
        config.setDataSource(SearchPathCache.over(new DriverDataSource(cluster.url(), "org.postgresql.Driver", new Properties(),
                cluster.username(), cluster.password())));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5000);
        config.setSchema("public");
        // Start even when the cluster is down: its organisations answer 503 until it is back.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** The cluster that keeps the directory. */
    public String home() {
        return home;
    }

    public List<String> names() {
        return List.copyOf(settings.keySet());
    }

    public boolean exists(String cluster) {
        return settings.containsKey(cluster);
    }

    public Settings settings(String cluster) {
        Settings found = settings.get(cluster);
        if (found == null) {
            throw new IllegalArgumentException("no database cluster " + cluster);
        }
        return found;
    }

    /** A connection of its own to the cluster, apart from the pools (a copy, a dump: long work that sets what it likes). */
    public Connection open(String cluster) throws SQLException {
        Settings found = settings(cluster);
        return java.sql.DriverManager.getConnection(found.url(), found.username(), found.password());
    }

    public <T> T on(String cluster, Supplier<T> work) {
        settings(cluster);
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty().plus(new On(cluster)).propagate()) {
            return work.get();
        }
    }

    /**
     * Runs the work against the platform-wide tables on the home cluster (the directory, the payment accounts). Inside
     * a transaction on another cluster it runs in a transaction of its own: the work's writes commit apart from it.
     */
    public <T> T onHome(Supplier<T> work) {
        if (!home.equals(routed())) {
            TransactionOperations<Connection> tx = transactions.get();
            if (tx.findTransactionStatus().isPresent()) {
                return on(home, () -> tx.execute(TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW), status -> work.get()));
            }
        }
        return on(home, work);
    }

    /** The cluster a new connection goes to now. */
    public String routed() {
        Optional<PropagatedContext> context = PropagatedContext.find();
        if (context.isEmpty()) {
            return home;
        }
        // The innermost says: work for an organisation entered inside a relay's turn on one cluster (a bounce the
        // mail relay reports) goes to the organisation's cluster, and a cluster named inside an organisation's work wins.
        List<PropagatedContextElement> elements = context.get().getAllElements();
        for (int i = elements.size() - 1; i >= 0; i--) {
            if (elements.get(i) instanceof On named) {
                return named.cluster();
            }
            if (elements.get(i) instanceof TenantScope.Current current) {
                return current.tenant().cluster();
            }
        }
        return home;
    }

    /**
     * An organisation's lock for operations on its schema (a move, a restore, dropping a copy), held on a connection
     * of its own to the home cluster until closed: across every app instance one at a time, and released by
     * PostgreSQL if the holder dies. Empty when another holds it.
     */
    public Optional<AutoCloseable> tryLock(java.util.UUID tenant) {
        Connection connection = null;
        try {
            connection = open(home);
            try (java.sql.PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(hashtextextended(?, 0))")) {
                statement.setString(1, "hearth-tenant-operation:" + tenant);
                try (java.sql.ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        connection.close();
                        return Optional.empty();
                    }
                }
            }
            Connection held = connection;
            return Optional.of(held::close);
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new IllegalStateException("could not take the operations lock of organisation " + tenant + ": " + e.getMessage(), e);
        }
    }

    /** The data source the repositories and transactions use, in place of the home pool it is given. */
    public DataSource routing(DataSource home) {
        this.homePool = home;
        return new Routing(this);
    }

    private Connection connection() throws SQLException {
        String cluster = routed();
        if (cluster.equals(home)) {
            return homePool.getConnection();
        }
        HikariDataSource pool = pools.get(cluster);
        if (pool == null) {
            throw new SQLException("database cluster " + cluster + " is not configured here", "08001");
        }
        return pool.getConnection();
    }

    /** Puts the routing data source in place of the home pool, for every repository and transaction of app's data. */
    @Singleton
    static final class RoutingInstaller implements io.micronaut.context.event.BeanCreatedEventListener<DataSource>, io.micronaut.core.order.Ordered {
        private final ClusterPools clusters;

        RoutingInstaller(ClusterPools clusters) {
            this.clusters = clusters;
        }

        @Override
        public DataSource onCreated(io.micronaut.context.event.BeanCreatedEvent<DataSource> event) {
            return "default".equals(event.getBeanIdentifier().getName())
                    ? clusters.routing(io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(event.getBean()))
                    : event.getBean();
        }

        /** First: Micronaut's own wrappers (the transaction-aware data source) then wrap the routing one, as they wrapped the pool. */
        @Override
        public int getOrder() {
            return HIGHEST_PRECEDENCE;
        }
    }

    @PreDestroy
    void close() {
        pools.values().forEach(HikariDataSource::close);
    }

    /** Routes each new connection; everything else is the home pool's. */
    private record Routing(ClusterPools clusters) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return clusters.connection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLException("the routing data source gives connections of its pools only");
        }

        @Override
        public java.io.PrintWriter getLogWriter() throws SQLException {
            return clusters.homePool.getLogWriter();
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) throws SQLException {
            clusters.homePool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            clusters.homePool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return clusters.homePool.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
            return clusters.homePool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            return clusters.homePool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return type.isInstance(this) || clusters.homePool.isWrapperFor(type);
        }
    }
}
