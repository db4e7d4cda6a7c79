package io.hearth.identity;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a person may do. Endpoints name the permission they need ({@link RequiresPermission}); roles grant sets of
 * them ({@link Role}). The codes are a contract: clients show or hide actions by them.
 */
public enum Permission {
    CIRCLES_JOIN("circles.join"),
    CIRCLES_CREATE("circles.create"),
    CIRCLES_MANAGE("circles.manage"),
    CIRCLES_VIEW_ALL("circles.view-all"),
    EVENTS_REGISTER("events.register"),
    EVENTS_STAFF("events.staff"),
    EVENTS_MANAGE("events.manage"),
    PAYMENTS_REFUND("payments.refund"),
    MEMBERS_VIEW("members.view"),
    MEMBERS_MANAGE("members.manage"),
    AUDIT_VIEW("audit.view"),
    REPORTS_VIEW("reports.view"),
    SUPPORT_ASSIST("support.assist"),
    ANNOUNCEMENTS_POST("announcements.post"),
    ORGANISATION_MANAGE("organisation.manage"),
    /** Care tickets ("I'm struggling"): only the men trained for them (the CARE role), not support or admins by default. */
    CARE_HANDLE("care.handle");

    private final String code;

    Permission(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
