package io.hearth.admin.tenants;

/** Where an organisation stands, as the control plane sees it. */
public enum TenantStatus {
    /** Registered; app has not answered yet. */
    PROVISIONING,
    ACTIVE,
    /** app could not provision it; the reason is recorded. */
    FAILED,
    SUSPENDED
}
