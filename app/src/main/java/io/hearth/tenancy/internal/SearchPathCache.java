package io.hearth.tenancy.internal;

import com.zaxxer.hikari.util.DriverDataSource;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The tenant's search_path without a round trip per query. Micronaut Data's schema multi-tenancy asks each physical
 * connection for its schema ({@code select current_schema()}) and sets it ({@code SET SESSION search_path}) before
 * every operation, and Hikari sets it back to {@code public} when the connection returns to the pool: on a listing
 * with its access check that was 16 of 27 statements. Below Hikari, each physical connection now remembers the schema
 * its session has and the schema it was last asked for, and sends the {@code SET} only when a statement is about to
 * be made and the two differ. What a statement sees is what it saw before: the schema last set on the connection.
 *
 * <p>A {@code SET} inside a transaction is undone by its rollback: after any rollback (or a failed commit) the
 * session's schema counts as unknown, and the next statement sets it again.
 */
public final class SearchPathCache {

    private SearchPathCache() {
    }

    /** Puts the cache under the default pool (the tenant data); the credentials database has no tenants. */
    @Singleton
    static final class UnderThePool implements BeanCreatedEventListener<DatasourceConfiguration> {
        @Override
        public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
            DatasourceConfiguration configuration = event.getBean();
            if ("default".equals(configuration.getName()) && configuration.getDataSource() == null) {
                configuration.setDataSource(over(new DriverDataSource(configuration.getUrl(), configuration.getDriverClassName(),
                        configuration.getDataSourceProperties(), configuration.getUsername(), configuration.getPassword())));
            }
            return configuration;
        }
    }

    /** A data source whose connections send {@code SET search_path} only when it changes. */
    public static DataSource over(DataSource physical) {
        return new CachingDataSource(physical);
    }

    private static final Set<String> MAKE_STATEMENTS = Set.of("createStatement", "prepareStatement", "prepareCall", "nativeSQL",
            "getMetaData", "unwrap");

    private static final class Session implements InvocationHandler {
        private final Connection physical;
        /** The schema the server session has, or null when unknown (never set, or undone by a rollback). */
        private String actual;
        /** The schema last asked for; null while nobody asked. */
        private String wanted;

        Session(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "setSchema" -> {
                    wanted = Objects.requireNonNull((String) args[0], "schema");
                    return null;
                }
                case "getSchema" -> {
                    if (wanted == null) {
                        wanted = physical.getSchema();
                        actual = wanted;
                    }
                    return wanted;
                }
                case "rollback" -> {
                    actual = null;
                    return call(method, args);
                }
                case "commit" -> {
                    try {
                        return call(method, args);
                    } catch (SQLException failed) {
                        actual = null;
                        throw failed;
                    }
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "search-path-cached " + physical;
                }
                default -> {
                    if (MAKE_STATEMENTS.contains(name)) {
                        apply();
                    }
                    return call(method, args);
                }
            }
        }

        private void apply() throws SQLException {
            if (wanted != null && !wanted.equals(actual)) {
                actual = null;
                physical.setSchema(wanted);
                actual = wanted;
            }
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private record CachingDataSource(DataSource physical) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(physical.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(physical.getConnection(username, password));
        }

        private static Connection wrap(Connection connection) {
            return (Connection) Proxy.newProxyInstance(SearchPathCache.class.getClassLoader(), new Class<?>[] {Connection.class},
                    new Session(connection));
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return physical.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            physical.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            physical.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return physical.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return physical.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return physical.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return physical.isWrapperFor(type);
        }
    }
}
