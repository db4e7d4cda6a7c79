package io.hearth.circles;

import io.hearth.kit.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CapacityTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 10})
    void aCircleHoldsTwoToTenMen(int capacity) {
        assertThat(Capacity.isValid(capacity)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1, 11, 100})
    void refusesACapacityOutsideTwoToTen(int capacity) {
        assertThatThrownBy(() -> Capacity.check(capacity)).isInstanceOf(Refusal.class);
    }

    @Test
    void theLastSeatCanBeTakenButNotOneMore() {
        assertThat(Capacity.hasSeat(8, 7)).isTrue();
        assertThat(Capacity.hasSeat(8, 8)).isFalse();
        Refusal full = catchThrowableOfType(Refusal.class, () -> Capacity.requireSeat(8, 8));
        assertThat(full.code().name()).isEqualTo("CIRCLE_FULL");
        assertThat(full.kind()).isEqualTo(Refusal.Kind.CONFLICT);
    }

    @Test
    void capacityCannotBeLoweredBelowTheSeatsTaken() {
        assertThatThrownBy(() -> Capacity.checkChange(4, 5)).isInstanceOf(Refusal.class);
        Capacity.checkChange(5, 5);
    }
}
