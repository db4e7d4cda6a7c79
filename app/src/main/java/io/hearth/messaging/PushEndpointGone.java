package io.hearth.messaging;

import io.hearth.tenancy.TenantId;

/**
 * Told by the push relay when a push service answers 404 or 410 for an endpoint: the device unsubscribed or the
 * subscription expired, and whoever keeps the subscription drops it at once (notifications does).
 */
public interface PushEndpointGone {

    void gone(TenantId tenant, String endpoint);
}
