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

/** With a single pooled connection shared by two tenants, no tenant's search_path survives its own work. */
@MicronautTest(transactional = false)
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class ConnectionPoolLeakIT implements RealStack {

    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject SchemaProbe probe;
    @Inject DataSource dataSource;

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
