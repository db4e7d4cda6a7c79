package io.hearth.circles;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** A circle as the API shows it. */
@Schema(name = "CircleView")
@Serdeable
public record CircleView(UUID id, String name, String description, int capacity, boolean openToJoin, @Nullable String location,
                         @Nullable String videoLink, List<PersonRef> facilitators, @Nullable Schedule schedule, @Nullable Dues dues,
                         String status, long memberCount, long openSeats, Instant createdAt, @Nullable Instant archivedAt) {

    @Schema(name = "PersonRef")
    @Serdeable
    public record PersonRef(UUID id, String firstName, String lastName) {
    }

    @Schema(name = "CircleSchedule")
    @Serdeable
    public record Schedule(String rrule, LocalDateTime firstStart, String timeZone, int minutes) {
    }

    @Schema(name = "CircleDues")
    @Serdeable
    public record Dues(long amountCents, String currency, String interval) {
    }
}
