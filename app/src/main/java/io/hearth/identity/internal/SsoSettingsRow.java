package io.hearth.identity.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/** The organisation's own OpenID provider (one row); the client secret sealed. */
@MappedEntity("sso_settings")
public record SsoSettingsRow(@Id Boolean id, boolean enabled, @Nullable String issuer, @Nullable String clientId, @Nullable String sealedClientSecret,
                             @TypeDef(type = DataType.STRING_ARRAY) String[] domains, String groupsClaim,
                             @TypeDef(type = DataType.STRING_ARRAY) String[] roleMappings, @Nullable UUID breakGlassAdminId,
                             Instant updatedAt, @Nullable UUID updatedBy) {
}
