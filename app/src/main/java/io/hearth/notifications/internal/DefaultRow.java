package io.hearth.notifications.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One of the organisation's defaults; the table's key is (kind, channel) and the repository writes by it. */
@MappedEntity("notification_defaults")
public record DefaultRow(@Id String kind, String channel, String level) {
}
