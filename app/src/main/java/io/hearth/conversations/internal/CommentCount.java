package io.hearth.conversations.internal;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

@Introspected
public record CommentCount(UUID announcementId, long count) {
}
