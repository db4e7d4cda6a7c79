package io.hearth.admin.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error response of this service, including those Micronaut itself produces (unknown route, wrong method,
 * unreadable JSON, oversized body, wrong content type), is written here as problem+json. A 5xx never shows its cause.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ProblemResponses implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpStatus status = base.getStatus();
        Throwable cause = context.getRootCause().orElse(null);
        ErrorCode code;
        List<Problem.FieldError> fieldErrors = List.of();
        String detail;
        if (cause instanceof ApiException api) {
            code = api.code();
            fieldErrors = api.errors();
            detail = api.getMessage();
        } else {
            code = ErrorCode.forStatus(status);
            detail = detail(context, status);
            fieldErrors = context.getErrors().stream()
                    .filter(error -> error.getPath().isPresent())
                    .map(error -> new Problem.FieldError(error.getPath().get(), error.getMessage()))
                    .toList();
        }
        String requestId = requestId(context.getRequest());
        if (status.getCode() >= 500) {
            LOG.error("request failed with {} (request id {})", status.getCode(), requestId, cause);
        }
        Problem problem = Problem.of(status, code, detail, requestId, fieldErrors);
        return base.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    private static String detail(ErrorContext context, HttpStatus status) {
        if (status.getCode() >= 500) {
            return "Something went wrong on our side. If it persists, quote the request id.";
        }
        return switch (status) {
            case NOT_FOUND -> "Nothing is here: " + context.getRequest().getPath();
            case METHOD_NOT_ALLOWED -> "Method " + context.getRequest().getMethodName() + " is not allowed here";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is larger than this service accepts";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json";
            default -> context.getErrors().isEmpty()
                    ? status.getReason()
                    : context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        };
    }

    private static String requestId(HttpRequest<?> request) {
        return request == null ? null : request.getAttribute(RequestIdFilter.ATTRIBUTE, String.class).orElse(null);
    }
}
