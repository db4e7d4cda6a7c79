package io.hearth.kit.web.input;

import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.MutableConversionService;
import io.micronaut.core.convert.TypeConverterRegistrar;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A true-or-false in a query value or path segment is {@code true} or {@code false} (any case): {@code ?openToJoin=zzz}
 * is refused naming the parameter, where the framework read any other text as false.
 */
@Singleton
public final class BooleanConverters implements TypeConverterRegistrar {

    @Override
    public void register(MutableConversionService conversions) {
        conversions.addConverter(String.class, Boolean.class, (text, target, context) -> convert(text, context));
        conversions.addConverter(CharSequence.class, Boolean.class, (text, target, context) -> convert(text.toString(), context));
    }

    static Optional<Boolean> convert(String text, ConversionContext context) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> {
                return Optional.of(Boolean.TRUE);
            }
            case "false" -> {
                return Optional.of(Boolean.FALSE);
            }
            default -> {
                String field = context instanceof ArgumentConversionContext<?> argument ? argument.getArgument().getName() : "value";
                context.reject(text, new Refusal(Refusal.Kind.MALFORMED, CommonCode.VALIDATION_ERROR, "'" + field + "' must be true or false",
                        List.of(new Refusal.FieldError(field, "must be true or false"))));
                return Optional.empty();
            }
        }
    }
}
