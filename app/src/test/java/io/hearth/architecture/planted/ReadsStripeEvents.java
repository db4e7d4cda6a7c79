package io.hearth.architecture.planted;

import com.stripe.model.Event;

/** Planted for ProviderAdapterTest: a use case that reads the provider's event type strings itself. */
public class ReadsStripeEvents {

    public boolean isRefund(Event event) {
        return "charge.refunded".equals(event.getType());
    }
}
