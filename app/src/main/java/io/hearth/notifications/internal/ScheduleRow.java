package io.hearth.notifications.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** How often his digest comes, and in which time zone. */
@MappedEntity("notification_schedules")
public record ScheduleRow(@Id UUID personId, String digest, String timeZone) {
}
