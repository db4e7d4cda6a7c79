package io.hearth.tenancy;

import io.micronaut.aop.Around;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose public methods work for the organisation their parameters name (the first {@link Tenant}, or
 * {@link ForTenant} such as the caller): use cases and the controllers that call them. {@link TenantBoundScope}
 * enters that organisation's {@link TenantScope} around each call, the one place the data layer's guard is set. A
 * method given none runs in the scope it is called in; outside any, its first query refuses.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE})
@Around
public @interface TenantBound {
}
