package io.hearth.kit.web.input;

import io.hearth.kit.Refusal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Reads the ISO 8601 forms Hearth accepts, in bodies, queries and paths alike, and applies {@link DateRule}: a date
 * that does not parse is of the wrong form (400, like text where a number belongs), one PostgreSQL could not store
 * is invalid (422); both name the field.
 */
final class Dates {

    static final String INSTANT_EXAMPLE = "2026-05-01T18:00:00Z";

    private Dates() {
    }

    static Instant instant(String field, String text) {
        return DateRule.require(field, Dates.<Instant>parse(field, text, value -> OffsetDateTime.parse(value).toInstant(), INSTANT_EXAMPLE));
    }

    static LocalDateTime localDateTime(String field, String text) {
        return DateRule.require(field, Dates.<LocalDateTime>parse(field, text, LocalDateTime::parse, "2026-05-01T18:00:00"));
    }

    static LocalDate localDate(String field, String text) {
        return DateRule.require(field, Dates.<LocalDate>parse(field, text, LocalDate::parse, "2026-05-01"));
    }

    private static <T> T parse(String field, String text, Function<String, T> parser, String example) {
        try {
            return parser.apply(text.trim());
        } catch (DateTimeParseException e) {
            throw Refusal.malformed(field, "must be a date written like " + example);
        }
    }
}
