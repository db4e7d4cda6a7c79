package io.hearth.identity;

/** Where an account stands. Only ACTIVE people can sign in. */
public enum PersonStatus {
    PENDING_VERIFICATION,
    PENDING_APPROVAL,
    ACTIVE,
    DEACTIVATED,
    ERASED
}
