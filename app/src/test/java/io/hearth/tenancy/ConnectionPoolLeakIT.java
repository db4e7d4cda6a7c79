package io.hearth.tenancy;

import io.hearth.RealStack;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With a single pooled connection shared by two tenants, no tenant's search_path survives its own work. */
@MicronautTest(transactional = false)
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class ConnectionPoolLeakIT implements RealStack {

    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject SchemaProbe probe;
    @Inject DataSource dataSource;
    @Inject io.micronaut.transaction.TransactionOperations<Connection> transactions;
    @io.micronaut.context.annotation.Value("${datasources.default.url}") String url;
    @io.micronaut.context.annotation.Value("${datasources.default.username}") String username;
    @io.micronaut.context.annotation.Value("${datasources.default.password}") String password;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("datasources.default.maximum-pool-size", "1", "datasources.default.minimum-idle", "1");
    }

    @Test
    void theConnectionReturnsToThePoolOnTheSharedSchema() throws Exception {
        Tenant a = TenantFixtures.provisioned(provisioning, directory, "pool-a");
        Tenant b = TenantFixtures.provisioned(provisioning, directory, "pool-b");

        for (int round = 0; round < 5; round++) {
            assertThat(TenantScope.call(a, probe::currentSchema)).isEqualTo(a.schemaName());
            assertThat(schemaOfNextBorrower()).isEqualTo("public");
            assertThat(TenantScope.call(b, probe::currentSchema)).isEqualTo(b.schemaName());
            assertThat(schemaOfNextBorrower()).isEqualTo("public");
        }
    }

    @Test
    void aTransactionThatRollsBackLeavesNoWrongSchemaBehind() throws Exception {
        Tenant b = TenantFixtures.provisioned(provisioning, directory, "pool-rb");
        for (int round = 0; round < 3; round++) {
            assertThat(schemaOfNextBorrower()).isEqualTo("public");
            // The SET search_path of this transaction is undone by its rollback: the session is on public again.
            assertThatThrownBy(() -> TenantScope.run(b, () -> transactions.executeWrite(status -> {
                assertThat(probe.currentSchema()).isEqualTo(b.schemaName());
                throw new IllegalStateException("undone");
            }))).hasMessage("undone");
            assertThat(TenantScope.call(b, probe::currentSchema)).as("the next transaction of the same tenant").isEqualTo(b.schemaName());
        }
    }

    @Test
    void aSchemaIsSetOnTheSessionOncePerChangeNotOncePerQuery() throws Exception {
        java.util.concurrent.atomic.AtomicInteger sets = new java.util.concurrent.atomic.AtomicInteger();
        DataSource physical = new com.zaxxer.hikari.util.DriverDataSource(url, "org.postgresql.Driver", new java.util.Properties(), username, password);
        DataSource counted = new DelegatingDataSource(physical) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection real = super.getConnection();
                return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setSchema")) {
                        sets.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
            }
        };
        try (Connection connection = io.hearth.tenancy.internal.SearchPathCache.over(counted).getConnection()) {
            for (int i = 0; i < 10; i++) {
                connection.setSchema("pg_catalog");
                assertThat(connection.getSchema()).isEqualTo("pg_catalog");
                assertThat(currentSchema(connection)).isEqualTo("pg_catalog");
            }
            assertThat(sets.get()).as("SETs for ten queries on one schema").isEqualTo(1);

            connection.setSchema("public");
            connection.setSchema("pg_catalog");
            assertThat(currentSchema(connection)).isEqualTo("pg_catalog");
            assertThat(sets.get()).as("a change and its undoing before any query").isEqualTo(1);

            connection.setSchema("public");
            assertThat(currentSchema(connection)).isEqualTo("public");
            assertThat(sets.get()).isEqualTo(2);

            connection.setAutoCommit(false);
            connection.setSchema("pg_catalog");
            assertThat(currentSchema(connection)).isEqualTo("pg_catalog");
            int beforeRollback = sets.get();
            connection.rollback();
            // The rollback undid the SET on the server; the next statement still runs on the schema last asked for.
            assertThat(currentSchema(connection)).isEqualTo("pg_catalog");
            assertThat(sets.get()).as("set again after the rollback").isEqualTo(beforeRollback + 1);
            connection.rollback();
        }
    }

    private static String currentSchema(Connection connection) throws java.sql.SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("select current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String schemaOfNextBorrower() throws Exception {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             ResultSet rs = connection.createStatement().executeQuery("select current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface SchemaProbe extends GenericRepository<io.hearth.identity.internal.InvitationRow, java.util.UUID> {
        @Query("select current_schema()")
        String currentSchema();
    }
}
