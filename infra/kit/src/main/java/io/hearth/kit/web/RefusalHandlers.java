package io.hearth.kit.web;

import io.hearth.kit.Refusal;
import io.hearth.kit.SqlFailures;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Answers refusals, and failed bean validation, with their statuses; {@link ProblemResponses} writes the body. */
public final class RefusalHandlers {

    private RefusalHandlers() {
    }

    /** Writes a refusal with the status of its kind (and {@code Retry-After} when it says how long to wait). */
    public static HttpResponse<?> answer(ErrorResponseProcessor<?> processor, HttpRequest<?> request, Refusal refusal) {
        MutableHttpResponse<?> response = HttpResponse.status(Problem.statusOf(refusal.kind()));
        if (refusal.retryAfterSeconds() > 0) {
            response.header("Retry-After", Long.toString(refusal.retryAfterSeconds()));
        }
        return processor.processResponse(ErrorContext.builder(request).cause(refusal).build(), response);
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    public static final class RefusalHandler implements ExceptionHandler<Refusal, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        public RefusalHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, Refusal refusal) {
            return answer(processor, request, refusal);
        }
    }

    private static final Refusal DATABASE_UNAVAILABLE =
            Refusal.unavailable("The database is briefly unavailable: try again in a few seconds", 5);

    /**
     * Whatever no other handler answers: 503 when its cause is the database out of reach (a pool with no
     * connection, a server restarting), else a 500 without its cause.
     */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    public static final class UnexpectedFailureHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        public UnexpectedFailureHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
            return unexpected(processor, request, exception);
        }
    }

    private static final Refusal WRITES_PAUSED = Refusal.unavailable(io.hearth.kit.CommonCode.WRITES_PAUSED,
            "This organisation's data is being moved: changes are paused for a few seconds, try again", 5);

    static HttpResponse<?> unexpected(ErrorResponseProcessor<?> processor, HttpRequest<?> request, RuntimeException exception) {
        if (SqlFailures.isWritePaused(exception)) {
            return answer(processor, request, WRITES_PAUSED);
        }
        if (SqlFailures.isUnavailable(exception)) {
            return answer(processor, request, DATABASE_UNAVAILABLE);
        }
        return processor.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
    }

    /**
     * A unique constraint that refused a duplicate is 409 RESOURCE_CONFLICT: two requests made the same thing at the
     * same moment, and the database let one win. A database out of reach is 503 SERVICE_UNAVAILABLE with Retry-After.
     * Any other database failure stays a 500 without its cause.
     */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    public static final class DataAccessHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        public DataAccessHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, DataAccessException exception) {
            if (SqlFailures.isUniqueViolation(exception)) {
                return answer(processor, request, Refusal.conflict("It exists already: another request made it at the same moment"));
            }
            return unexpected(processor, request, exception);
        }
    }

    /** Failed validation is 422 with one entry per field, named by its JSON property path. */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Replaces(ConstraintExceptionHandler.class)
    public static final class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        public ConstraintViolationHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
            List<Refusal.FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
                errors.add(new Refusal.FieldError(field(violation.getPropertyPath()), violation.getMessage()));
            }
            errors.sort(Comparator.comparing(Refusal.FieldError::field));
            return answer(processor, request, Refusal.invalid(errors));
        }

        /** {@code register.request.adminEmail} -> {@code adminEmail}: drops the method and parameter names. */
        private static String field(Path path) {
            List<String> names = new ArrayList<>();
            for (Path.Node node : path) {
                if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                    names.add(node.getName() + (node.getIndex() != null ? "[" + node.getIndex() + "]" : ""));
                }
            }
            return names.isEmpty() ? path.toString() : String.join(".", names);
        }
    }
}
