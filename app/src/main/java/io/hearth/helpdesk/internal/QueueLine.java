package io.hearth.helpdesk.internal;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** Per category and status, how many tickets; and how many breached a level. */
@Introspected
public record QueueLine(UUID categoryId, String status, long tickets, long firstResponseBreached, long resolutionBreached) {
}
