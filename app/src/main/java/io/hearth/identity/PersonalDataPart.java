package io.hearth.identity;

import io.hearth.tenancy.Tenant;

import java.util.UUID;

/**
 * What another feature holds of a man, for his export (GDPR, art. 15 and 20): each feature that keeps personal data
 * beyond identity's implements this and names its part, so that identity does not depend on it. The value is a
 * serialisable record of that feature.
 */
public interface PersonalDataPart {

    /** The key of this part in the export ("notifications"). */
    String name();

    Object of(Tenant tenant, UUID person);
}
