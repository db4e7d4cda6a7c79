package io.hearth.notifications.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalTime;
import java.util.UUID;

/** His quiet hours, read in his own time zone (his profile's). */
@MappedEntity("quiet_hours")
public record QuietHoursRow(@Id UUID personId, LocalTime startsAt, LocalTime endsAt) {
}
