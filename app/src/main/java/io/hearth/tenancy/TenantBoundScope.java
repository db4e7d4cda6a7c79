package io.hearth.tenancy;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Enters the scope of the organisation a {@link TenantBound} class's call is given, around everything else (its transaction
 * begins inside, so the schema is chosen from it). Already in that organisation's scope (one use case calling
 * another), it changes nothing; asked to work for one organisation inside another's, it refuses: no work ever
 * mixes two.
 */
@Singleton
@InterceptorBean(TenantBound.class)
public final class TenantBoundScope implements MethodInterceptor<Object, Object> {

    @Override
    public @Nullable Object intercept(MethodInvocationContext<Object, Object> context) {
        Tenant tenant = tenantOf(context.getParameterValues());
        if (tenant == null) {
            return context.proceed();
        }
        Optional<Tenant> current = TenantScope.current();
        if (current.isPresent()) {
            if (current.get().id().equals(tenant.id())) {
                return context.proceed();
            }
            throw new IllegalStateException("asked to work for " + tenant.slug() + " inside " + current.get().slug() + "'s scope");
        }
        return TenantScope.call(tenant, context::proceed);
    }

    static @Nullable Tenant tenantOf(Object[] arguments) {
        for (Object argument : arguments) {
            if (argument instanceof Tenant tenant) {
                return tenant;
            }
            if (argument instanceof ForTenant given) {
                return given.tenant();
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
