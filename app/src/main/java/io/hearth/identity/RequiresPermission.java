package io.hearth.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a signed-in person needs for the endpoint; checked by identity's AccessRule (a micronaut-security rule) before the endpoint
 * runs, against the roles he holds at that moment. On a method it replaces the class's.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresPermission {
    Permission value();
}
