package io.hearth.notifications.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** One choice; the table's key is (person, kind, channel) and the repository writes by it. */
@MappedEntity("notification_preferences")
public record PreferenceRow(@Id UUID personId, String kind, String channel, String level) {
}
