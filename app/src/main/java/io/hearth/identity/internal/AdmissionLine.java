package io.hearth.identity.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.util.UUID;

/** What a signed-in request reads of its caller, in one statement: his status, second factor, live roles, and the settings. */
@Introspected
public record AdmissionLine(UUID id, String status, boolean mfaEnabled, @TypeDef(type = DataType.STRING_ARRAY) String[] roles,
                            String registrationMode, @TypeDef(type = DataType.STRING_ARRAY) String[] mfaRequiredRoles,
                            int apiRequestsPerMinute) {
}
