package io.hearth.payments;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The platform's fee on a payment: a percentage of the price (not of a total that already holds fees) plus a fixed
 * amount, rounded half up to the cent, never more than the price. A refund gives back the fee in proportion.
 */
public record PlatformFee(BigDecimal percent, long fixedCents) {

    public PlatformFee {
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0 || fixedCents < 0) {
            throw new IllegalArgumentException("a fee is 0 to 100 percent plus a fixed amount of 0 or more");
        }
    }

    public long on(long priceCents) {
        long fee = BigDecimal.valueOf(priceCents).multiply(percent).divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact()
                + fixedCents;
        return Math.max(0, Math.min(fee, priceCents));
    }

    /** The part of the fee that goes back when {@code refundedCents} of {@code paidCents} are refunded. */
    public static long refundedShare(long feeCents, long paidCents, long refundedCents) {
        if (paidCents <= 0) {
            return 0;
        }
        return BigDecimal.valueOf(feeCents).multiply(BigDecimal.valueOf(refundedCents))
                .divide(BigDecimal.valueOf(paidCents), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
