package io.hearth.identity;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Set;

/**
 * How an organisation runs sign-up and sign-in.
 *
 * @param registrationMode       OPEN: a verified email is enough; APPROVAL: an admin approves each new account
 * @param mfaRequiredRoles       roles whose holders must use a second factor
 * @param apiRequestsPerMinute   each person's API limit
 */
@Serdeable
public record OrganisationSettings(RegistrationMode registrationMode, Set<Role> mfaRequiredRoles, int apiRequestsPerMinute) {

    public enum RegistrationMode {
        OPEN,
        APPROVAL
    }

    public boolean requiresMfa(Set<Role> roles) {
        return roles.stream().anyMatch(mfaRequiredRoles::contains);
    }
}
