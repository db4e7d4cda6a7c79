package io.hearth.admin.tenants;

import io.swagger.v3.oas.annotations.media.Schema;
/** Where an organisation stands, as the control plane sees it. */
@Schema(name = "TenantStatus")
public enum TenantStatus {
    /** Registered; app has not answered yet. */
    PROVISIONING,
    ACTIVE,
    /** app could not provision it; the reason is recorded. */
    FAILED,
    SUSPENDED
}
