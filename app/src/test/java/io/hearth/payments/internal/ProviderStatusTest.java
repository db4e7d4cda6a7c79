package io.hearth.payments.internal;

import io.hearth.payments.PaymentProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Stripe's status strings become payments' statuses in the adapter; one it does not know is OTHER, never a failure. */
class ProviderStatusTest {

    @Test
    void stripesStatusesBecomePaymentsOwn() {
        assertThat(StripeApi.status(PaymentProvider.SubscriptionStatus.class, "past_due")).isEqualTo(PaymentProvider.SubscriptionStatus.PAST_DUE);
        assertThat(StripeApi.status(PaymentProvider.SubscriptionStatus.class, "incomplete_expired"))
                .isEqualTo(PaymentProvider.SubscriptionStatus.INCOMPLETE_EXPIRED);
        assertThat(StripeApi.status(PaymentProvider.CheckoutStatus.class, "complete")).isEqualTo(PaymentProvider.CheckoutStatus.COMPLETE);
        assertThat(StripeApi.status(PaymentProvider.InvoiceStatus.class, "uncollectible")).isEqualTo(PaymentProvider.InvoiceStatus.UNCOLLECTIBLE);
        assertThat(StripeApi.status(PaymentProvider.RefundStatus.class, "requires_action")).isEqualTo(PaymentProvider.RefundStatus.REQUIRES_ACTION);
    }

    @Test
    void aStatusStripeAddsLaterIsOther() {
        assertThat(StripeApi.status(PaymentProvider.InvoiceStatus.class, "something_new")).isEqualTo(PaymentProvider.InvoiceStatus.OTHER);
        assertThat(StripeApi.status(PaymentProvider.RefundStatus.class, null)).isEqualTo(PaymentProvider.RefundStatus.OTHER);
    }
}
