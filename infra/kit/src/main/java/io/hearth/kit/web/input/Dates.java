package io.hearth.kit.web.input;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parses the ISO 8601 forms Hearth accepts, refusing what does not parse with a message that shows the form. */
final class Dates {

    static final String INSTANT_EXAMPLE = "2026-05-01T18:00:00Z";
    static final String LOCAL_DATE_TIME_EXAMPLE = "2026-05-01T18:00:00";
    static final String LOCAL_DATE_EXAMPLE = "2026-05-01";

    private Dates() {
    }

    static Instant instant(String field, String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notOffset) {
            throw DateDeserializers.unreadable(field, INSTANT_EXAMPLE);
        }
    }

    static LocalDateTime localDateTime(String field, String text) {
        try {
            return LocalDateTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw DateDeserializers.unreadable(field, LOCAL_DATE_TIME_EXAMPLE);
        }
    }

    static LocalDate localDate(String field, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw DateDeserializers.unreadable(field, LOCAL_DATE_EXAMPLE);
        }
    }
}
