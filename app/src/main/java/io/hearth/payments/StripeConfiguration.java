package io.hearth.payments;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Stripe: the platform's secret key and Connect webhook secret (secrets: from the environment,
 * {@code HEARTH_STRIPE_SECRET_KEY}, {@code HEARTH_STRIPE_WEBHOOK_SECRET}), the API base (the local stand-in, or
 * Stripe's own when blank), how old a webhook's signature may be, and the platform's fee on what members pay.
 */
@ConfigurationProperties("hearth.stripe")
public record StripeConfiguration(@Nullable String secretKey, @Nullable String webhookSecret, @Nullable String apiBase,
                                  Duration webhookTolerance, BigDecimal feePercent, long feeFixedCents) {

    public boolean configured() {
        return secretKey != null && !secretKey.isBlank();
    }

    /** A live key moves real money; everything else is test mode. */
    public boolean livemode() {
        return secretKey != null && (secretKey.startsWith("sk_live_") || secretKey.startsWith("rk_live_"));
    }

    public PlatformFee fee() {
        return new PlatformFee(feePercent, feeFixedCents);
    }
}
