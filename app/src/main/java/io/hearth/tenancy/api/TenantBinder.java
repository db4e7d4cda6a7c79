package io.hearth.tenancy.api;

import io.hearth.tenancy.Tenant;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Gives a controller method the organisation of its request, as a parameter: {@code Tenant tenant}, resolved from
 * the Host by {@link TenantFilter} before anything else ran. For the endpoints no one signs in to (sign-in, sign-up,
 * invitations); a signed-in caller's organisation is {@code caller.tenant()}.
 */
@Singleton
public final class TenantBinder implements TypedRequestArgumentBinder<Tenant> {

    private static final Argument<Tenant> TYPE = Argument.of(Tenant.class);

    @Override
    public Argument<Tenant> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Tenant> bind(ArgumentConversionContext<Tenant> context, HttpRequest<?> source) {
        Tenant tenant = TenantFilter.tenantOf(source)
                .orElseThrow(() -> new IllegalStateException("no organisation for " + source.getPath() + ": a platform path cannot ask for one"));
        return () -> Optional.of(tenant);
    }
}
