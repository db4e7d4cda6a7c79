package io.hearth.identity;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Set;

/**
 * How an organisation runs sign-up and sign-in.
 *
 * @param registrationMode       OPEN: a verified email is enough; APPROVAL: an admin approves each new account
 * @param mfaRequiredRoles       roles whose holders must use a second factor
 * @param apiRequestsPerMinute   each person's API limit; never below {@link #MIN_REQUESTS_PER_MINUTE}
 */
@Serdeable
public record OrganisationSettings(RegistrationMode registrationMode, Set<Role> mfaRequiredRoles, int apiRequestsPerMinute) {

    public enum RegistrationMode {
        OPEN,
        APPROVAL
    }

    /** The lowest per-person limit an organisation may set: the PWA's first screens must fit in a minute. */
    public static final int MIN_REQUESTS_PER_MINUTE = 60;

    /** The limit in force: a value stored before the floor existed counts as the floor. */
    public int effectiveRequestsPerMinute() {
        return Math.max(apiRequestsPerMinute, MIN_REQUESTS_PER_MINUTE);
    }

    public boolean requiresMfa(Set<Role> roles) {
        return roles.stream().anyMatch(mfaRequiredRoles::contains);
    }
}
