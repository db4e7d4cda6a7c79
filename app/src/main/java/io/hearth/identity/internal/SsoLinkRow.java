package io.hearth.identity.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/** A man who signed in through the organisation's provider: who he is there, his groups, the roles the mapping gave him. */
@MappedEntity("sso_links")
public record SsoLinkRow(@Id UUID personId, String issuer, String subject, @TypeDef(type = DataType.STRING_ARRAY) String[] groups,
                         @TypeDef(type = DataType.STRING_ARRAY) String[] mappedRoles, Instant linkedAt, Instant lastSignedIn) {
}
