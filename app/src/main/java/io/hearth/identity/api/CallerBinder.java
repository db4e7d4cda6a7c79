package io.hearth.identity.api;

import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Gives a controller method the {@link Caller} {@link AccessRule} admitted, as a parameter: {@code Caller caller}.
 * An endpoint that declares one is never {@link io.hearth.web.Public}, so the rule has always run; should it not
 * have, the request is refused as not signed in rather than served with no one asking.
 */
@Singleton
public final class CallerBinder implements TypedRequestArgumentBinder<Caller> {

    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Caller caller = source.getAttribute(AccessRule.CALLER, Caller.class)
                .orElseThrow(() -> Refusal.unauthorized("Sign in first"));
        return () -> Optional.of(caller);
    }
}
