package io.hearth.identity.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

@MappedEntity("organisation_settings")
public record SettingsRow(@Id Boolean id, String registrationMode,
                          @TypeDef(type = DataType.STRING_ARRAY) String[] mfaRequiredRoles, int apiRequestsPerMinute,
                          String timeZone, @Nullable String brandColour, String language) {
}
