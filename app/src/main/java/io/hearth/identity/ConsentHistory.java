package io.hearth.identity;

import io.hearth.tenancy.Tenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The consents a man gave and withdrew to be reached on each channel, for his export: kept by notifications, which
 * implements this, so that identity does not depend on it.
 */
public interface ConsentHistory {

    /**
     * A consent given or withdrawn to be reached on a channel ({@code IN_APP}, {@code EMAIL}, {@code SMS},
     * {@code PUSH}) for one kind of notification, or every kind when {@code kind} is absent; {@code how} says where
     * ({@code preferences}, {@code unsubscribe-link}, {@code sms-stop}, {@code sms-start}).
     */
    @Schema(name = "ConsentEntry")
    @Serdeable
    record Consent(String channel, @Nullable String kind, boolean given, Instant at, String how) {
    }

    /** Oldest first. */
    List<Consent> of(Tenant tenant, UUID person);
}
