package io.hearth.web;

import io.micronaut.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A refusal the client can act on: answered as problem+json with this status, code and detail. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final ErrorCode code;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers = new LinkedHashMap<>();

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

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.AUTHENTICATION_ERROR, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, ErrorCode.AUTHORIZATION_ERROR, detail);
    }

    /** 429 RATE_LIMITED with the seconds to wait in {@code Retry-After}. */
    public static ApiException rateLimited(String detail, long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RATE_LIMITED, detail)
                .withHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    }

    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
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
