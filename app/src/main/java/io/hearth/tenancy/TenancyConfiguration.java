package io.hearth.tenancy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param directoryCacheTtl    how long a host keeps resolving from memory before the directory is read again: the
 *                             bound on how late an instance notices a suspension
 * @param migrationParallelism how many tenant schemas migrate at once at start-up
 */
@ConfigurationProperties("hearth.tenancy")
public record TenancyConfiguration(
        @Bindable(defaultValue = "2s") Duration directoryCacheTtl,
        @Bindable(defaultValue = "4") int migrationParallelism) {
}
