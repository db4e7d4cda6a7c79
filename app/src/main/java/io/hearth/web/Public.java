package io.hearth.web;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint answers without signing in ({@code @Secured(isAnonymous())}). Everything not marked so needs a
 * signed-in, active person of the host's organisation: micronaut-security with identity's AccessRule enforces it.
 */
@Documented
@Secured(SecurityRule.IS_ANONYMOUS)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Public {
}
