package io.hearth.tenancy;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * How many members an organisation has and when it was last used, for the operators' console. Implemented by
 * identity, which keeps people and the audit log, so that tenancy's reports do not depend on identity.
 */
public interface OrganisationActivity {

    Activity activity(Tenant tenant);

    /** @param members active members; @param lastActivityAt the newest entry of its audit log, null when it has none */
    record Activity(long members, @Nullable Instant lastActivityAt) {
    }
}
