package io.hearth.identity;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import static io.hearth.identity.Permission.ANNOUNCEMENTS_POST;
import static io.hearth.identity.Permission.AUDIT_VIEW;
import static io.hearth.identity.Permission.CIRCLES_CREATE;
import static io.hearth.identity.Permission.CIRCLES_JOIN;
import static io.hearth.identity.Permission.CIRCLES_MANAGE;
import static io.hearth.identity.Permission.CIRCLES_VIEW_ALL;
import static io.hearth.identity.Permission.EVENTS_MANAGE;
import static io.hearth.identity.Permission.EVENTS_REGISTER;
import static io.hearth.identity.Permission.EVENTS_STAFF;
import static io.hearth.identity.Permission.MEMBERS_VIEW;
import static io.hearth.identity.Permission.REPORTS_VIEW;
import static io.hearth.identity.Permission.SUPPORT_ASSIST;

/**
 * What a person may be in an organisation, and the permissions each role grants. A person may hold several roles;
 * his permissions are the union of theirs. This table is the one place where roles meet permissions.
 */
@Schema(name = "Role")
public enum Role {
    MEMBER(EnumSet.of(CIRCLES_JOIN, EVENTS_REGISTER)),
    FACILITATOR(EnumSet.of(CIRCLES_CREATE, CIRCLES_MANAGE)),
    PTM(EnumSet.of(EVENTS_STAFF, EVENTS_MANAGE)),
    ADMIN(EnumSet.complementOf(EnumSet.of(Permission.CARE_HANDLE))),
    LEADERSHIP(EnumSet.of(REPORTS_VIEW, AUDIT_VIEW, MEMBERS_VIEW, CIRCLES_VIEW_ALL, ANNOUNCEMENTS_POST)),
    SUPPORT(EnumSet.of(SUPPORT_ASSIST, MEMBERS_VIEW)),
    /** Trained to answer care tickets: they reach no one else. */
    CARE(EnumSet.of(Permission.CARE_HANDLE));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions);
    }

    /** The permissions of all the roles together. */
    public static Set<Permission> permissionsOf(Collection<Role> roles) {
        Set<Permission> all = EnumSet.noneOf(Permission.class);
        roles.forEach(role -> all.addAll(role.permissions));
        return all;
    }
}
