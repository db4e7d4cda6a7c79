package io.hearth.kit.web.input;

import io.hearth.kit.Refusal;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Whole numbers in JSON bodies are JSON numbers: {@code "apiRequestsPerMinute":"1"} (text) or {@code 1.5} is a 400
 * naming the field, not silently converted. They take the place of the built-in deserializers by their order.
 */
@Factory
public final class StrictNumberDeserializers {

    @Singleton
    @Order(Ordered.HIGHEST_PRECEDENCE)
    Deserializer<Integer> integers() {
        return new Whole<>(Integer.MIN_VALUE, Integer.MAX_VALUE) {
            @Override
            Integer of(long value) {
                return (int) value;
            }
        };
    }

    @Singleton
    @Order(Ordered.HIGHEST_PRECEDENCE)
    Deserializer<Long> longs() {
        return new Whole<>(Long.MIN_VALUE, Long.MAX_VALUE) {
            @Override
            Long of(long value) {
                return value;
            }
        };
    }

    private abstract static class Whole<T> implements Deserializer<T> {
        private final long min;
        private final long max;

        Whole(long min, long max) {
            this.min = min;
            this.max = max;
        }

        abstract T of(long value);

        @Override
        public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            Object value = decoder.decodeArbitrary();
            if (value instanceof Number number) {
                BigDecimal exact = new BigDecimal(number.toString());
                if (exact.stripTrailingZeros().scale() <= 0 && exact.compareTo(BigDecimal.valueOf(min)) >= 0
                        && exact.compareTo(BigDecimal.valueOf(max)) <= 0) {
                    return of(exact.longValueExact());
                }
            }
            throw wrongForm(type.getName());
        }

        @Override
        public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            if (decoder.decodeNull()) {
                return null;
            }
            return deserialize(decoder, context, type);
        }
    }

    static Refusal wrongForm(String field) {
        return Refusal.malformed(field, "must be a whole number, written as a JSON number");
    }
}
