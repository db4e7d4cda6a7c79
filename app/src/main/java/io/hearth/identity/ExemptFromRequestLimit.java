package io.hearth.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The organisation's per-person request limit does not apply here: the endpoints that set it, so that an admin can
 * always undo a limit that locks everyone out. Their permission still applies.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ExemptFromRequestLimit {
}
