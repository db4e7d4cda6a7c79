package io.hearth.kit.web;

import io.hearth.kit.CommonCode;
import io.hearth.kit.ProblemCode;
import io.hearth.kit.Refusal;
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
 * Every error response of a Hearth service, including those Micronaut itself produces (unknown route, wrong method,
 * unreadable JSON, oversized body, wrong content type), is written here as problem+json. A 5xx never shows its cause.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ProblemResponses implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private final SecurityHeaders securityHeaders;

    public ProblemResponses(SecurityHeaders securityHeaders) {
        this.securityHeaders = securityHeaders;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpStatus status = base.getStatus();
        Throwable cause = context.getRootCause().orElse(null);
        ProblemCode code;
        List<Problem.FieldError> fieldErrors;
        String detail;
        if (cause instanceof Refusal refusal) {
            code = refusal.code();
            fieldErrors = Problem.FieldError.of(refusal.errors());
            detail = refusal.getMessage();
        } else if (status == HttpStatus.BAD_REQUEST && unreadableJson(cause) != null) {
            code = CommonCode.VALIDATION_ERROR;
            detail = "The body is not readable JSON" + where(unreadableJson(cause));
            fieldErrors = List.of(new Problem.FieldError("body", "must be one JSON value" + where(unreadableJson(cause))));
        } else if (tooLong(context.getRequest()) != null) {
            status = tooLong(context.getRequest());
            base.status(status);
            code = codeFor(status);
            detail = status == HttpStatus.REQUEST_URI_TOO_LONG ? "The address is longer than this service accepts"
                    : "The request's headers are larger than this service accepts";
            fieldErrors = List.of();
        } else {
            code = codeFor(status);
            detail = detail(context, status);
            fieldErrors = context.getErrors().stream()
                    .filter(error -> error.getPath().isPresent())
                    .map(error -> new Problem.FieldError(error.getPath().get(), error.getMessage()))
                    .toList();
        }
        String requestId = requestId(context.getRequest());
        if (status.getCode() >= 500 && cause instanceof Refusal) {
            // Said on purpose (a store out of reach, say, whose own client logs why): one line, not a stack per request.
            LOG.warn("request answered {} {}: {} (request id {})", status.getCode(), code, detail, requestId);
        } else if (status.getCode() >= 500) {
            LOG.error("request failed with {} (request id {})", status.getCode(), requestId, cause);
        }
        Problem problem = Problem.of(status, code, detail, requestId, fieldErrors);
        // Some answers never pass the filters (a request Netty could not decode): they are hardened here all the same.
        if (context.getRequest() != null) {
            securityHeaders.addHeaders(context.getRequest(), base);
        }
        return base.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    /** The parser's complaint, when the body could not be read as JSON at all (never quoted: it names parser internals). */
    private static com.fasterxml.jackson.core.JacksonException unreadableJson(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JacksonException parse) {
                return parse;
            }
        }
        return null;
    }

    /** Where in the body, in our words: " at line 1, column 12". */
    private static String where(com.fasterxml.jackson.core.JacksonException parse) {
        com.fasterxml.jackson.core.JsonLocation location = parse.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * 414 for an address and 431 for headers longer than the server reads: Netty's decoder refused the request, and
     * Micronaut answers any such refusal 413 without its cause, which the request still carries.
     */
    private static HttpStatus tooLong(HttpRequest<?> request) {
        if (!(request instanceof io.micronaut.http.server.netty.NettyHttpRequest<?> netty)) {
            return null;
        }
        Throwable cause = netty.getNativeRequest().decoderResult().cause();
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
            return HttpStatus.REQUEST_URI_TOO_LONG;
        }
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
            return HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return null;
    }

    /** The code a response of this status carries when nothing more specific is known. */
    static CommonCode codeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST, UNPROCESSABLE_ENTITY -> CommonCode.VALIDATION_ERROR;
            case UNAUTHORIZED -> CommonCode.AUTHENTICATION_ERROR;
            case FORBIDDEN -> CommonCode.AUTHORIZATION_ERROR;
            case NOT_FOUND, GONE -> CommonCode.RESOURCE_NOT_FOUND;
            case CONFLICT -> CommonCode.RESOURCE_CONFLICT;
            case METHOD_NOT_ALLOWED -> CommonCode.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> CommonCode.NOT_ACCEPTABLE;
            case REQUEST_ENTITY_TOO_LARGE -> CommonCode.PAYLOAD_TOO_LARGE;
            case REQUEST_URI_TOO_LONG -> CommonCode.URI_TOO_LONG;
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> CommonCode.HEADERS_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> CommonCode.UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY_REQUESTS -> CommonCode.RATE_LIMITED;
            case SERVICE_UNAVAILABLE -> CommonCode.SERVICE_UNAVAILABLE;
            default -> status.getCode() >= 500 ? CommonCode.INTERNAL_ERROR : CommonCode.VALIDATION_ERROR;
        };
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
