package io.hearth.tenancy;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;

/**
 * app's shared tables (the tenant directory, processed events, the outbox), migrated from {@code db/migration}
 * before any bean that uses them is created: those beans take this one in their constructor. Tenant schemas are
 * migrated apart, by {@link TenantMigrations}. Flyway gets its own connections, never the request pool's.
 */
@Singleton
public final class ControlSchema {

    public ControlSchema(@Property(name = "hearth.db.url") String url, @Property(name = "hearth.db.username") String user,
                         @Property(name = "hearth.db.password") String password) {
        Flyway.configure()
                .dataSource(url, user, password)
                .schemas("public")
                .defaultSchema("public")
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
