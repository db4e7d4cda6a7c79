package io.hearth.gatherings;

import io.hearth.identity.Caller;
import java.util.Optional;

/**
 * How a held seat gets paid: implemented by payments (Stripe Checkout), so that gatherings does not depend on it.
 */
public interface SeatPayments {

    /** Where the man pays for his held seat (in this many instalments), or empty when the organisation cannot take card payments now. */
    Optional<String> checkoutFor(Caller caller, RegistrationView held, int instalments);
}
