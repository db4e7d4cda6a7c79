package io.hearth.conversations;

import io.hearth.identity.Role;
import io.micronaut.core.annotation.Nullable;

import java.util.Set;
import java.util.UUID;

/** Whether two men may start a one-to-one, by the organisation's {@link DirectRules}: a function of who they are. */
public final class Routing {

    private Routing() {
    }

    /**
     * One side of a one-to-one as the rules see him.
     *
     * @param circle      the circle he is a member of now, if any
     * @param facilitates the circles he facilitates now
     * @param blocks      the men he has blocked
     */
    public record Party(UUID person, Set<Role> roles, @Nullable UUID circle, Set<UUID> facilitates, Set<UUID> blocks) {
    }

    public static boolean allows(DirectRules rules, Party one, Party other) {
        if (one.person().equals(other.person()) || one.blocks().contains(other.person()) || other.blocks().contains(one.person())) {
            return false;
        }
        return admits(rules, one, other) || admits(rules, other, one);
    }

    /** Whether a rule admits {@code from} reaching {@code to} (the caller applies it both ways). */
    private static boolean admits(DirectRules rules, Party from, Party to) {
        if (rules.anyoneWithAnyone()) {
            return true;
        }
        if (rules.supportAndAdminsWithAnyone() && (from.roles().contains(Role.SUPPORT) || from.roles().contains(Role.ADMIN))) {
            return true;
        }
        if (rules.memberWithCircle() && from.circle() != null
                && (from.circle().equals(to.circle()) || to.facilitates().contains(from.circle()))) {
            return true;
        }
        if (rules.facilitatorWithMen() && to.circle() != null && from.facilitates().contains(to.circle())) {
            return true;
        }
        boolean facilitator = from.roles().contains(Role.FACILITATOR) || !from.facilitates().isEmpty();
        if (rules.facilitatorWithFacilitators() && facilitator && (to.roles().contains(Role.FACILITATOR) || !to.facilitates().isEmpty())) {
            return true;
        }
        return rules.facilitatorWithLeadership() && facilitator && to.roles().contains(Role.LEADERSHIP);
    }
}
