package io.hearth.tenancy;

public enum TenantStatus {
    PROVISIONING,
    ACTIVE,
    SUSPENDED
}
