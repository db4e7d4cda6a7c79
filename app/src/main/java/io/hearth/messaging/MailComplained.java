package io.hearth.messaging;

import java.util.UUID;

/**
 * The reader of a mail to this address reported it as spam (an abuse report, RFC 5965): told in process to whoever
 * decides what he is sent (notifications, which stops his mail and tells him in the app).
 */
public record MailComplained(UUID tenantId, String address, String detail) {
}
