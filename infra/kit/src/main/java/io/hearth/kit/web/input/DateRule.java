package io.hearth.kit.web.input;

import io.hearth.kit.Refusal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Dates a person can mean: years 1 to 9999, the range of ISO 8601's four-digit years. PostgreSQL stores less than
 * Java parses ({@code +294277-01-01} or {@code -4714-01-01} fail inside a query), and arithmetic on a year near
 * Java's limit overflows; both are refused at the edge, naming the field.
 */
public final class DateRule {

    static final int FIRST_YEAR = 1;
    static final int LAST_YEAR = 9999;
    static final String MESSAGE = "must be a date between the years " + FIRST_YEAR + " and " + LAST_YEAR;

    private static final Instant FIRST = LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant AFTER_LAST = LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    private DateRule() {
    }

    public static Instant require(String field, Instant instant) {
        if (instant != null && (instant.isBefore(FIRST) || !instant.isBefore(AFTER_LAST))) {
            throw Refusal.invalid(field, MESSAGE);
        }
        return instant;
    }

    public static LocalDateTime require(String field, LocalDateTime dateTime) {
        if (dateTime != null) {
            require(field, dateTime.toLocalDate());
        }
        return dateTime;
    }

    public static LocalDate require(String field, LocalDate date) {
        if (date != null && (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR)) {
            throw Refusal.invalid(field, MESSAGE);
        }
        return date;
    }
}
