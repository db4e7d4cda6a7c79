package io.hearth.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint stays open to a person whose organisation requires two-factor authentication for one of his roles
 * before he has set it up: what he needs to set it up, see himself and sign out.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowedBeforeMfa {
}
