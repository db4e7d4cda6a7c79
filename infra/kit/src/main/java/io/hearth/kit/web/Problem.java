package io.hearth.kit.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hearth.kit.ProblemCode;
import io.hearth.kit.Refusal;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem document with Hearth's stable {@code code}.
 *
 * @param errors per-field errors of a {@code VALIDATION_ERROR}, else empty
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, String requestId,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field that failed validation; {@code field} is a JSON path such as {@code adminEmail}. */
    @Serdeable
    public record FieldError(String field, String message) {
        static List<FieldError> of(List<Refusal.FieldError> errors) {
            return errors.stream().map(error -> new FieldError(error.field(), error.message())).toList();
        }
    }

    public static Problem of(HttpStatus status, ProblemCode code, String detail, String requestId, List<FieldError> errors) {
        return new Problem(code.type(), code.title(), status.getCode(), detail, code.name(), requestId, errors);
    }

    public static MutableHttpResponse<Problem> response(HttpStatus status, ProblemCode code, String detail) {
        return HttpResponse.<Problem>status(status).body(of(status, code, detail, null, List.of()))
                .contentType(MEDIA_TYPE);
    }

    /** The one place a refusal's kind becomes a status. */
    public static HttpStatus statusOf(Refusal.Kind kind) {
        return switch (kind) {
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case GONE -> HttpStatus.GONE;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNSUPPORTED_MEDIA -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }
}
