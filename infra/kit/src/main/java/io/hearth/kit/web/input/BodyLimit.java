package io.hearth.kit.web.input;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The largest request body a route takes, when it takes more than every other route ({@code hearth.http.max-body-size},
 * 1 MB): a document's upload, say. {@link BodyLimitFilter} holds every route to its limit before the body is read; the
 * server's own {@code micronaut.server.max-request-size} must be at least the largest of these (it is the hard cap), and
 * a route given more must stream its body (every buffered body is held to {@code micronaut.server.max-request-buffer-size}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
public @interface BodyLimit {

    /** In bytes. */
    long value();
}
