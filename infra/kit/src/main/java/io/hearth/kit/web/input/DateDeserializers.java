package io.hearth.kit.web.input;

import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Dates in JSON bodies: ISO 8601 text only, within {@link DateRule}'s years. A date that does not parse is a 400, and
 * one PostgreSQL could not store a 422, both naming the property, never a 500 from deep inside a write. They take the place
 * of the built-in date deserializers by their order.
 */
@Factory
public final class DateDeserializers {

    @Singleton
    @Order(Ordered.HIGHEST_PRECEDENCE)
    Deserializer<Instant> instants() {
        return new Text<>() {
            @Override
            Instant read(String field, String text) {
                return DateRule.require(field, Dates.instant(field, text));
            }
        };
    }

    @Singleton
    @Order(Ordered.HIGHEST_PRECEDENCE)
    Deserializer<LocalDateTime> localDateTimes() {
        return new Text<>() {
            @Override
            LocalDateTime read(String field, String text) {
                return DateRule.require(field, Dates.localDateTime(field, text));
            }
        };
    }

    @Singleton
    @Order(Ordered.HIGHEST_PRECEDENCE)
    Deserializer<LocalDate> localDates() {
        return new Text<>() {
            @Override
            LocalDate read(String field, String text) {
                return DateRule.require(field, Dates.localDate(field, text));
            }
        };
    }

    /** A value written as a JSON string, read by {@link #read}. */
    private abstract static class Text<T> implements Deserializer<T> {

        abstract T read(String field, String text);

        @Override
        public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            String text = decoder.decodeString();
            return read(type.getName(), text);
        }

        @Override
        public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            if (decoder.decodeNull()) {
                return null;
            }
            return deserialize(decoder, context, type);
        }
    }

    /** A date that does not parse is of the wrong form (400), like text where a number belongs. */
    static Refusal unreadable(String field, String example) {
        String message = "must be a date written like " + example;
        return new Refusal(Refusal.Kind.MALFORMED, CommonCode.VALIDATION_ERROR, "'" + field + "' " + message,
                List.of(new Refusal.FieldError(field, message)));
    }
}
