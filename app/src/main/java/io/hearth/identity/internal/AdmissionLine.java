package io.hearth.identity.internal;

import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/**
 * What a signed-in request reads of its caller, in one statement: his status, second factor, the grants that count
 * now ("ROLE", or "ROLE@" and the end in epoch milliseconds), and the settings.
 */
public record AdmissionLine(UUID id, String status, boolean mfaEnabled, String[] grants, String registrationMode, String[] mfaRequiredRoles,
                            int apiRequestsPerMinute, String timeZone, @Nullable String brandColour, String language) {
}
