package io.hearth.admin.web;

import io.micronaut.http.HttpStatus;

import java.util.List;

/** A refusal the client can act on: answered as problem+json with this status, code and detail. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final ErrorCode code;
    private final List<Problem.FieldError> errors;

    public ApiException(HttpStatus status, ErrorCode code, String detail) {
        this(status, code, detail, List.of());
    }

    public ApiException(HttpStatus status, ErrorCode code, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, ErrorCode.RESOURCE_CONFLICT, detail);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_ERROR, "The request has invalid fields",
                List.of(new Problem.FieldError(field, message)));
    }

    public HttpStatus status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
