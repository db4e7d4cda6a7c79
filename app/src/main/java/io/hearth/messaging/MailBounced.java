package io.hearth.messaging;

import java.util.UUID;

/**
 * The mail server refused an address for good (a hard bounce): told in process, after the relay gave the mail up, to
 * whoever knows whose address it is (identity). {@code reason} is the server's answer, e.g. "550 5.1.1 no such user".
 */
public record MailBounced(UUID tenantId, String address, String reason) {
}
