package io.hearth.notifications.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** How often his digest comes, in his own time zone (his profile's). */
@MappedEntity("notification_schedules")
public record ScheduleRow(@Id UUID personId, String digest) {
}
