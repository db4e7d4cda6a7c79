package io.hearth.conversations;

import io.hearth.identity.Role;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTest {

    final UUID circle = UUID.randomUUID();
    final UUID otherCircle = UUID.randomUUID();
    final DirectRules defaults = DirectRules.DEFAULTS;

    Routing.Party member(UUID circle, UUID... blocks) {
        return new Routing.Party(UUID.randomUUID(), Set.of(Role.MEMBER), circle, Set.of(), Set.of(blocks));
    }

    Routing.Party with(Set<Role> roles, Set<UUID> facilitates) {
        return new Routing.Party(UUID.randomUUID(), roles, null, facilitates, Set.of());
    }

    @Test
    void aMemberTalksWithTheMenOfHisCircleAndItsFacilitatorsOnly() {
        Routing.Party me = member(circle);
        assertThat(Routing.allows(defaults, me, member(circle))).isTrue();
        assertThat(Routing.allows(defaults, me, with(Set.of(Role.MEMBER, Role.FACILITATOR), Set.of(circle)))).isTrue();
        assertThat(Routing.allows(defaults, me, member(otherCircle))).isFalse();
        assertThat(Routing.allows(defaults, me, member(null))).isFalse();
        assertThat(Routing.allows(defaults, me, with(Set.of(Role.MEMBER, Role.FACILITATOR), Set.of(otherCircle)))).isFalse();
        assertThat(Routing.allows(defaults, me, with(Set.of(Role.MEMBER, Role.LEADERSHIP), Set.of()))).isFalse();
    }

    @Test
    void aFacilitatorTalksWithHisMenOtherFacilitatorsAndLeadership() {
        Routing.Party facilitator = with(Set.of(Role.MEMBER, Role.FACILITATOR), Set.of(circle));
        assertThat(Routing.allows(defaults, facilitator, member(circle))).isTrue();
        assertThat(Routing.allows(defaults, facilitator, with(Set.of(Role.MEMBER, Role.FACILITATOR), Set.of()))).isTrue();
        assertThat(Routing.allows(defaults, facilitator, with(Set.of(Role.MEMBER, Role.LEADERSHIP), Set.of()))).isTrue();
        assertThat(Routing.allows(defaults, facilitator, member(otherCircle))).isFalse();
    }

    @Test
    void supportAndAdminsTalkWithAnyoneEitherWay() {
        Routing.Party support = with(Set.of(Role.MEMBER, Role.SUPPORT), Set.of());
        Routing.Party admin = with(Set.of(Role.MEMBER, Role.ADMIN), Set.of());
        assertThat(Routing.allows(defaults, support, member(otherCircle))).isTrue();
        assertThat(Routing.allows(defaults, member(circle), admin)).isTrue();
    }

    @Test
    void nobodyTalksWithAManWhoBlockedHim() {
        Routing.Party support = with(Set.of(Role.MEMBER, Role.SUPPORT), Set.of());
        Routing.Party blocker = member(circle, support.person());
        assertThat(Routing.allows(defaults, support, blocker)).isFalse();
        assertThat(Routing.allows(defaults, blocker, support)).isFalse();
        assertThat(Routing.allows(new DirectRules(true, true, true, true, true, true, false, null), support, blocker)).isFalse();
    }

    @Test
    void rulesTurnedOffAdmitNothingAndAnyoneWithAnyoneAdmitsAll() {
        DirectRules none = new DirectRules(false, false, false, false, false, false, false, null);
        assertThat(Routing.allows(none, member(circle), member(circle))).isFalse();
        assertThat(Routing.allows(none, with(Set.of(Role.ADMIN), Set.of()), member(circle))).isFalse();
        DirectRules all = new DirectRules(false, false, false, false, false, true, false, null);
        assertThat(Routing.allows(all, member(circle), member(otherCircle))).isTrue();
    }

    @Test
    void noOneTalksWithHimself() {
        Routing.Party me = with(Set.of(Role.ADMIN), Set.of());
        assertThat(Routing.allows(defaults, me, me)).isFalse();
    }
}
