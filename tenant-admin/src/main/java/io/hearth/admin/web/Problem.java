package io.hearth.admin.web;

import com.fasterxml.jackson.annotation.JsonInclude;
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
    }

    public static Problem of(HttpStatus status, ErrorCode code, String detail, String requestId, List<FieldError> errors) {
        return new Problem(code.type(), code.title(), status.getCode(), detail, code.name(), requestId, errors);
    }

    public static MutableHttpResponse<Problem> response(HttpStatus status, ErrorCode code, String detail) {
        return HttpResponse.<Problem>status(status).body(of(status, code, detail, null, List.of()))
                .contentType(MEDIA_TYPE);
    }
}
