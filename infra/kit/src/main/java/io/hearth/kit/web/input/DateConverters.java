package io.hearth.kit.web.input;

import io.hearth.kit.Refusal;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.MutableConversionService;
import io.micronaut.core.convert.TypeConverterRegistrar;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Dates in query values and path segments are read as dates in bodies are ({@link Dates}): a date that does not
 * parse or cannot be stored is refused, naming the parameter.
 */
@Singleton
public final class DateConverters implements TypeConverterRegistrar {

    @Override
    public void register(MutableConversionService conversions) {
        add(conversions, Instant.class, Dates::instant);
        add(conversions, LocalDateTime.class, Dates::localDateTime);
        add(conversions, LocalDate.class, Dates::localDate);
    }

    private static <T> void add(MutableConversionService conversions, Class<T> type, BiFunction<String, String, T> read) {
        conversions.addConverter(String.class, type, (text, target, context) -> convert(text, context, read));
        conversions.addConverter(CharSequence.class, type, (text, target, context) -> convert(text.toString(), context, read));
    }

    private static <T> Optional<T> convert(String text, ConversionContext context, BiFunction<String, String, T> read) {
        String field = context instanceof ArgumentConversionContext<?> argument ? argument.getArgument().getName() : "value";
        try {
            return Optional.of(read.apply(field, text));
        } catch (Refusal refusal) {
            context.reject(text, refusal);
            return Optional.empty();
        }
    }
}
