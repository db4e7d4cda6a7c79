package io.hearth.identity;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoleTest {

    @Test
    void permissionsOfSeveralRolesAddUp() {
        assertThat(Role.permissionsOf(List.of(Role.FACILITATOR, Role.PTM)))
                .containsExactlyInAnyOrder(Permission.CIRCLES_CREATE, Permission.CIRCLES_MANAGE, Permission.EVENTS_STAFF, Permission.EVENTS_MANAGE);
    }

    @Test
    void adminHoldsEveryPermissionButCareWhichOnlyTheTrainedHold() {
        assertThat(Role.ADMIN.permissions()).isEqualTo(EnumSet.complementOf(EnumSet.of(Permission.CARE_HANDLE)));
        for (Role role : Role.values()) {
            assertThat(role.permissions().contains(Permission.CARE_HANDLE)).as(role.name()).isEqualTo(role == Role.CARE);
        }
    }

    @Test
    void onlyAdminManagesMembersAndOnlyAdminAndLeadershipReadTheAudit() {
        for (Role role : Role.values()) {
            assertThat(role.permissions().contains(Permission.MEMBERS_MANAGE)).as(role.name()).isEqualTo(role == Role.ADMIN);
            assertThat(role.permissions().contains(Permission.AUDIT_VIEW)).as(role.name()).isEqualTo(role == Role.ADMIN || role == Role.LEADERSHIP);
        }
    }

    @Test
    void aMemberMayJoinCirclesAndRegisterForEventsOnly() {
        assertThat(Role.MEMBER.permissions()).containsExactlyInAnyOrder(Permission.CIRCLES_JOIN, Permission.EVENTS_REGISTER);
    }

    @Test
    void permissionCodesAreTheCatalogueNames() {
        assertThat(Permission.PAYMENTS_REFUND.code()).isEqualTo("payments.refund");
        assertThat(Permission.SUPPORT_ASSIST.code()).isEqualTo("support.assist");
    }
}
