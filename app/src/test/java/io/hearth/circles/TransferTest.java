package io.hearth.circles;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TransferTest {

    private final Transfer asked = new Transfer(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, null);

    @Test
    void oneSideApprovingIsNotEnough() {
        Transfer fromSide = asked.approve(UUID.randomUUID(), true, false);

        assertThat(fromSide.approvedByBoth()).isFalse();
    }

    @Test
    void bothFacilitatorsApprovingMovesTheMan() {
        Transfer both = asked.approve(UUID.randomUUID(), true, false).approve(UUID.randomUUID(), false, true);

        assertThat(both.approvedByBoth()).isTrue();
    }

    @Test
    void oneManFacilitatingBothCirclesApprovesBothSides() {
        assertThat(asked.approve(UUID.randomUUID(), true, true).approvedByBoth()).isTrue();
    }

    @Test
    void approvingTheSameSideTwiceKeepsTheFirstApprover() {
        UUID first = UUID.randomUUID();

        Transfer twice = asked.approve(first, true, false).approve(UUID.randomUUID(), true, false);

        assertThat(twice.fromApprovedBy()).isEqualTo(first);
        assertThat(twice.approvedByBoth()).isFalse();
    }
}
