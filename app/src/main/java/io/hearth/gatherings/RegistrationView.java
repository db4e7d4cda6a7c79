package io.hearth.gatherings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registration as its man, the event's staff and the API see it. */
@Schema(name = "RegistrationView")
@Serdeable
public record RegistrationView(UUID id, UUID eventId, UUID personId, SeatRules.Status status, @Nullable Integer waitlistPosition,
                               @Nullable Instant holdUntil, @Nullable Instant offerUntil, @Nullable String priceOption,
                               @Nullable UUID sponsorId, @Nullable Instant checkedInAt, @Nullable UUID careTeamId,
                               @Nullable String cancelReason, Instant createdAt, List<String> warnings, @Nullable String checkoutUrl) {
    RegistrationView withWarnings(List<String> more) {
        return new RegistrationView(id, eventId, personId, status, waitlistPosition, holdUntil, offerUntil, priceOption, sponsorId,
                checkedInAt, careTeamId, cancelReason, createdAt, more, checkoutUrl);
    }

    /** With where he pays for the held seat (Stripe Checkout). */
    public RegistrationView withCheckout(@Nullable String url) {
        return new RegistrationView(id, eventId, personId, status, waitlistPosition, holdUntil, offerUntil, priceOption, sponsorId,
                checkedInAt, careTeamId, cancelReason, createdAt, warnings, url);
    }
}
