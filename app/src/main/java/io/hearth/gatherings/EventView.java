package io.hearth.gatherings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An event as the API shows it. */
@Schema(name = "EventView")
@Serdeable
public record EventView(UUID id, String type, String title, String description, Instant startsAt, Instant endsAt, String timeZone,
                        String venue, int capacity, String visibility, @Nullable Instant registrationOpensAt,
                        @Nullable Instant registrationClosesAt, List<PriceOption> priceOptions, int holdMinutes, int offerHours,
                        int cancellationCutoffHours, @Nullable Integer participantsPerStaff, int sensitiveRetentionDays,
                        List<QuestionView> questions, List<WaiverView> waivers, String status, @Nullable String cancelReason,
                        long confirmed, long held, long offered, long waitlisted, long openSeats) {

    /** A price; {@code instalments} (2 to 12), when given, lets a man pay it in up to that many monthly instalments. */
    @Schema(name = "PriceOption")
    @Serdeable
    public record PriceOption(String code, String name, long amountCents, String currency, @Nullable Integer instalments) {
        public int maxInstalments() {
            return instalments == null ? 1 : instalments;
        }
    }

    @Schema(name = "QuestionView")
    @Serdeable
    public record QuestionView(UUID id, Questions.Kind kind, String label, boolean required, List<String> choices) {
    }

    @Schema(name = "WaiverView")
    @Serdeable
    public record WaiverView(UUID id, int version, String title, String body) {
    }

    public boolean paid() {
        return priceOptions.stream().anyMatch(option -> option.amountCents() > 0);
    }
}
