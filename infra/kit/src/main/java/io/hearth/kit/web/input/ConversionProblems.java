package io.hearth.kit.web.input;

import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.hearth.kit.web.Problem;
import io.hearth.kit.web.RefusalHandlers;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.serde.exceptions.InvalidPropertyFormatException;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A value that could not be turned into what the route takes. A rule that refused it ({@link TextRule},
 * {@link DateRule}) answers as itself; otherwise it is 400 naming the field and saying what it must be (the allowed
 * values of an enum, "a whole number", "a UUID"), never the name of a Java class or a parser's message.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Replaces(ConversionErrorHandler.class)
public final class ConversionProblems implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {

    private static final Pattern LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)");

    private final ErrorResponseProcessor<?> processor;

    public ConversionProblems(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
        return RefusalHandlers.answer(processor, request, refusalFor(exception));
    }

    static Refusal refusalFor(ConversionErrorException exception) {
        Refusal rule = find(exception, Refusal.class);
        if (rule != null) {
            return rule;
        }
        Argument<?> argument = exception.getArgument();
        InvalidPropertyFormatException property = find(exception, InvalidPropertyFormatException.class);
        String field;
        Class<?> type;
        if (property != null) {
            field = property.getArgument().getName();
            type = property.getArgument().getType();
        } else if (argument.isAnnotationPresent(Body.class) || !isSimple(argument.getType())) {
            field = "body";
            type = null;
        } else {
            field = argument.getName();
            type = argument.getType();
        }
        String message = type == null ? bodyMessage(exception) : "must be " + expected(type);
        return new Refusal(Refusal.Kind.MALFORMED, CommonCode.VALIDATION_ERROR,
                field.equals("body") ? "The body does not fit this request: " + message : "'" + field + "' " + message,
                List.of(new Refusal.FieldError(field, message)));
    }

    /** What a value of this type looks like, in words a client developer can act on. */
    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == UUID.class) {
            return "a UUID such as 0b6f8c0e-3a55-4c8e-9a0e-6a3f1f6a2d11";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date written like " + Dates.INSTANT_EXAMPLE;
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static boolean isSimple(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || Number.class.isAssignableFrom(type) || type == Boolean.class
                || type == UUID.class || CharSequence.class.isAssignableFrom(type) || Temporal.class.isAssignableFrom(type);
    }

    /** A parser's complaint without its internals: where in the body, when the parser said so. */
    private static String bodyMessage(ConversionErrorException exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            Matcher at = t.getMessage() == null ? null : LOCATION.matcher(t.getMessage());
            if (at != null && at.find()) {
                return "a value has the wrong type or form at line " + at.group(1) + ", column " + at.group(2);
            }
        }
        return "a value has the wrong type or form";
    }

    private static <T extends Throwable> T find(Throwable exception, Class<T> type) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

}
