package io.hearth.tenancy;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Objects;
import java.util.UUID;

/** An organisation's identity across services: the id tenant-admin gave it. */
@Serdeable
public record TenantId(UUID value) implements java.io.Serializable {

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId of(String value) {
        return new TenantId(UUID.fromString(value));
    }

    /** The schema holding this tenant's data: {@code t_} and the id's 32 hex digits, never the slug. */
    public String schemaName() {
        return "t_" + value.toString().replace("-", "");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
