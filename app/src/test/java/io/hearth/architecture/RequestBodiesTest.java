package io.hearth.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.micronaut.http.annotation.Body;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.Test;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list, set or map in a request body says its elements are never null ({@code List<@NotNull UUID>}), so that
 * {@code [null]} is a 422 naming the field, never a NullPointerException deep in a use case.
 */
class RequestBodiesTest {

    @Test
    void noCollectionInARequestBodyAcceptsANullElement() {
        JavaClasses classes = ImportedClasses.MAIN;
        List<String> offenders = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        for (JavaClass controller : classes) {
            if (!controller.isAnnotatedWith(io.micronaut.http.annotation.Controller.class)) {
                continue;
            }
            for (Method method : controller.reflect().getDeclaredMethods()) {
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.isAnnotationPresent(Body.class)) {
                        check(parameter.getAnnotatedType(), controller.getSimpleName() + "." + method.getName() + "(" + parameter.getName() + ")",
                                offenders, seen);
                    }
                }
            }
        }

        assertThat(seen).as("request records found").isNotEmpty();
        assertThat(offenders).as("collections in request bodies whose elements may be null: write List<@NotNull T>").isEmpty();
    }

    private static void check(AnnotatedType type, String where, List<String> offenders, Set<Class<?>> seen) {
        if (type instanceof AnnotatedParameterizedType parameterized) {
            Class<?> raw = (Class<?>) ((ParameterizedType) parameterized.getType()).getRawType();
            AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
                AnnotatedType element = arguments[arguments.length - 1];
                if (!element.isAnnotationPresent(NotNull.class) && !element.isAnnotationPresent(jakarta.validation.constraints.NotBlank.class)
                        && !element.isAnnotationPresent(jakarta.validation.constraints.NotEmpty.class)) {
                    offenders.add(where);
                }
            }
            for (AnnotatedType argument : arguments) {
                check(argument, where, offenders, seen);
            }
            return;
        }
        if (type.getType() instanceof Class<?> plain && plain.isRecord() && seen.add(plain)) {
            for (RecordComponent component : plain.getRecordComponents()) {
                check(component.getAnnotatedType(), plain.getName() + "." + component.getName(), offenders, seen);
            }
        }
    }
}
