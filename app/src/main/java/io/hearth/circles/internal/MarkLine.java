package io.hearth.circles.internal;

import io.hearth.circles.Attendance;
import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** One man's mark at one meeting. */
@Introspected
public record MarkLine(UUID meetingId, UUID personId, Attendance.Status status) {
}
