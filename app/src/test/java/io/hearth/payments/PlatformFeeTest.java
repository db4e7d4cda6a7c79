package io.hearth.payments;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformFeeTest {

    @Test
    void theFeeIsAPercentOfThePriceRoundedHalfUpPlusTheFixedPart() {
        PlatformFee fee = new PlatformFee(new BigDecimal("2.5"), 30);

        assertThat(fee.on(10_000)).isEqualTo(280);
        assertThat(fee.on(1_010)).isEqualTo(25 + 30);
    }

    @Test
    void theFeeIsNeverMoreThanThePrice() {
        assertThat(new PlatformFee(BigDecimal.TEN, 500).on(300)).isEqualTo(300);
    }

    @Test
    void aRefundGivesBackTheFeeInProportion() {
        assertThat(PlatformFee.refundedShare(250, 10_000, 5_000)).isEqualTo(125);
        assertThat(PlatformFee.refundedShare(250, 10_000, 10_000)).isEqualTo(250);
        assertThat(PlatformFee.refundedShare(0, 10_000, 10_000)).isZero();
    }

    @Test
    void aFeeOutsideZeroToAHundredPercentIsRefused() {
        assertThatThrownBy(() -> new PlatformFee(new BigDecimal("100.5"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlatformFee(BigDecimal.ONE, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
