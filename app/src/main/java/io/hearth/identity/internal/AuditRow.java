package io.hearth.identity.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("audit_log")
public record AuditRow(@Id @GeneratedValue @Nullable Long id, Instant occurredAt, @Nullable UUID actorId, String action,
                       @Nullable UUID targetId, @Nullable String ip, @TypeDef(type = DataType.JSON) String details) {
}
