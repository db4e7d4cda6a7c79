package io.hearth.identity;

import io.swagger.v3.oas.annotations.media.Schema;
/** Where an account stands. Only ACTIVE people can sign in. */
@Schema(name = "PersonStatus")
public enum PersonStatus {
    PENDING_VERIFICATION,
    PENDING_APPROVAL,
    ACTIVE,
    DEACTIVATED,
    ERASED
}
