package io.hearth.tenancy;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * A database cluster besides the home one ({@code hearth.db.*}), named by its key under {@code hearth.db.clusters}
 * (in the environment: {@code HEARTH_DB_CLUSTERS_EU2_URL}, {@code ..._USERNAME}, {@code ..._PASSWORD}). Each holds
 * organisations' schemas and its own copy of the shared tables (outbox, outgoing queues) their writes go with.
 */
@EachProperty("hearth.db.clusters")
public record ClusterConfiguration(@Parameter String name, String url, String username, String password,
                                   @Bindable(defaultValue = "20") int maximumPoolSize) {
}
