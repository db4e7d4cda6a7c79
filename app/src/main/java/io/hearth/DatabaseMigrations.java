package io.hearth;

import io.hearth.tenancy.Tenant;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;

import java.util.Map;
import javax.sql.DataSource;

/**
 * Migrates app's own databases the moment their datasource is created, before any bean can use it: the control
 * tables (tenant directory, processed events, outbox) from {@code db/migration} and the credentials database from
 * {@code db/credentials}. Flyway gets its own connections, never the request pool's (a pool of one must still
 * serve requests). Tenant schemas are migrated apart, by {@code TenantMigrations}.
 */
@Singleton
public final class DatabaseMigrations implements BeanCreatedEventListener<DataSource> {

    private static final Map<String, String> LOCATIONS = Map.of(
            "default", "classpath:db/migration",
            "credentials", "classpath:db/credentials");

    private final Environment environment;

    public DatabaseMigrations(Environment environment) {
        this.environment = environment;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        String name = event.getBeanIdentifier().getName();
        if (LOCATIONS.containsKey(name)) {
            String prefix = "datasources." + name + ".";
            Flyway.configure()
                    .dataSource(property(prefix + "url"), property(prefix + "username"), property(prefix + "password"))
                    .schemas("public")
                    .defaultSchema("public")
                    .locations(LOCATIONS.get(name))
                    .load()
                    .migrate();
        }
        return event.getBean();
    }

    private String property(String key) {
        return environment.getRequiredProperty(key, String.class);
    }
}
