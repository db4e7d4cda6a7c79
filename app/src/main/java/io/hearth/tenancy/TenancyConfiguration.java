package io.hearth.tenancy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param directoryCacheTtl    how long a host keeps resolving from memory before the directory is read again: the
 *                             bound on how late an instance notices a suspension
 * @param migrationParallelism how many tenant schemas migrate at once at start-up
 * @param extraMigrationLocations Flyway locations of tenant migrations besides the build's own ({@code classpath:db/tenant}),
 *                             empty by default: to rehearse a release's rollout over every schema (bench-onboarding does)
 */
@ConfigurationProperties("hearth.tenancy")
public record TenancyConfiguration(
        @Bindable(defaultValue = "2s") Duration directoryCacheTtl,
        @Bindable(defaultValue = "4") int migrationParallelism,
        @io.micronaut.core.annotation.Nullable java.util.List<String> extraMigrationLocations) {

    /** Every location of tenant migrations, the build's own first. */
    public String[] migrationLocations(String own) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(own));
        if (extraMigrationLocations != null) {
            extraMigrationLocations.stream().filter(location -> !location.isBlank()).forEach(all::add);
        }
        return all.toArray(String[]::new);
    }
}
