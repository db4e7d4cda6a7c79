package io.hearth.tenancy;

import io.hearth.RealStack;
import io.hearth.tenancy.api.HostTenantResolver;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.multitenancy.exceptions.TenantNotFoundException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantMigrationsIT implements RealStack {

    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject TenantMigrations migrations;
    @Inject HostTenantResolver resolver;
    @Inject DataSource dataSource;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.tenancy.directory-cache-ttl", "0s");
    }

    @Test
    void oneTenantsFailedMigrationIsRecordedOnItAndDoesNotStopTheOthers() throws Exception {
        Tenant behind = TenantFixtures.provisioned(provisioning, directory, "mig-ok");
        Tenant broken = TenantFixtures.provisioned(provisioning, directory, "mig-bad");
        directory.recordMigration(behind.id(), "0");
        directory.recordMigration(broken.id(), "0");
        // The broken tenant lost its migration history but kept its tables: migrating it again must fail.
        sql("drop table " + broken.schemaName() + ".flyway_schema_history");

        TenantMigrations.MigrationReport report = migrations.migrateAll();

        assertThat(report.failed()).containsExactly(broken.slug());
        assertThat(report.migrated()).isGreaterThanOrEqualTo(1);
        assertThat(directory.findById(behind.id()).orElseThrow().migrationVersion()).isEqualTo(migrations.latestVersion());
        assertThat(directory.findById(broken.id()).orElseThrow().migrationError()).isNotBlank();
        assertThat(resolver.resolve(behind.slug() + ".localhost").id()).isEqualTo(behind.id());
        assertThatThrownBy(() -> resolver.resolve(broken.slug() + ".localhost")).isInstanceOf(TenantNotFoundException.class);
    }

    @Test
    void skipsTenantsAlreadyAtTheLatestVersion() {
        TenantFixtures.provisioned(provisioning, directory, "mig-cur");

        TenantMigrations.MigrationReport report = migrations.migrateAll();

        assertThat(report.current()).isGreaterThanOrEqualTo(1);
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            connection.createStatement().execute(statement);
        }
    }
}
