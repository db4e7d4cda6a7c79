package io.hearth.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.multitenancy.exceptions.TenantNotFoundException;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Maps Hearth's own exceptions, and failed bean validation, to their statuses; {@link ProblemResponses} writes the body. */
public final class ProblemExceptionHandlers {

    private ProblemExceptionHandlers() {
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    public static final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        public ApiExceptionHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ApiException exception) {
            MutableHttpResponse<?> response = HttpResponse.status(exception.status());
            exception.headers().forEach(response::header);
            return processor.processResponse(ErrorContext.builder(request).cause(exception).build(), response);
        }
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    public static final class TenantNotFoundHandler implements ExceptionHandler<TenantNotFoundException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        public TenantNotFoundHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, TenantNotFoundException exception) {
            return processor.processResponse(ErrorContext.builder(request).cause(exception).build(),
                    HttpResponse.status(HttpStatus.NOT_FOUND));
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
            List<Problem.FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
                errors.add(new Problem.FieldError(field(violation.getPropertyPath()), violation.getMessage()));
            }
            errors.sort(Comparator.comparing(Problem.FieldError::field));
            ApiException api = new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_ERROR,
                    "The request has invalid fields", errors);
            return processor.processResponse(ErrorContext.builder(request).cause(api).build(),
                    HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY));
        }

        /** {@code register.request.adminEmail} -> {@code adminEmail}: drops the method and parameter names. */
        private static String field(Path path) {
            List<String> names = new ArrayList<>();
            for (Path.Node node : path) {
                if (node.getKind() == jakarta.validation.ElementKind.PROPERTY || node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                    names.add(node.getName() + (node.getIndex() != null ? "[" + node.getIndex() + "]" : ""));
                }
            }
            return names.isEmpty() ? path.toString() : String.join(".", names);
        }
    }
}
