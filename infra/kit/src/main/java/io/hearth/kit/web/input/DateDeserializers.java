package io.hearth.kit.web.input;

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
import java.util.function.BiFunction;

/**
 * Dates in JSON bodies: ISO 8601 text only, read by {@link Dates} (a date that does not parse is a 400, one
 * PostgreSQL could not store a 422, both naming the property, never a 500 from deep inside a write). They take the
 * place of the built-in date deserializers by their order.
 */
@Factory
public final class DateDeserializers {

    @Singleton
    @Order(Ordered.HIGHEST_PRECEDENCE)
    Deserializer<Instant> instants() {
        return new Text<>(Dates::instant);
    }

    @Singleton
    @Order(Ordered.HIGHEST_PRECEDENCE)
    Deserializer<LocalDateTime> localDateTimes() {
        return new Text<>(Dates::localDateTime);
    }

    @Singleton
    @Order(Ordered.HIGHEST_PRECEDENCE)
    Deserializer<LocalDate> localDates() {
        return new Text<>(Dates::localDate);
    }

    /** A value written as a JSON string, read from (field, text). */
    private record Text<T>(BiFunction<String, String, T> read) implements Deserializer<T> {

        @Override
        public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            return read.apply(type.getName(), decoder.decodeString());
        }

        @Override
        public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }
}
