package io.hearth.architecture.planted;

import io.hearth.payments.internal.StripeApi;

/** Planted for ProviderAdapterTest: a use case that holds the provider's adapter instead of the port. */
public class HoldsTheAdapter {

    private final StripeApi stripe;

    public HoldsTheAdapter(StripeApi stripe) {
        this.stripe = stripe;
    }

    public boolean live() {
        return stripe.livemode();
    }
}
