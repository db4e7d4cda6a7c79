package io.hearth.web;

import io.micronaut.http.HttpStatus;

/** The stable codes clients branch on. Titles are for people and may change; codes do not. */
public enum ErrorCode {
    VALIDATION_ERROR("Invalid request"),
    AUTHENTICATION_ERROR("Authentication required"),
    AUTHORIZATION_ERROR("Not allowed"),
    RESOURCE_NOT_FOUND("Not found"),
    RESOURCE_CONFLICT("Conflict"),
    TENANT_NOT_FOUND("Organisation not found"),
    INVALID_CREDENTIALS("Email or password is wrong"),
    ACCOUNT_PENDING_VERIFICATION("Email address not verified yet"),
    ACCOUNT_PENDING_APPROVAL("Account waits for approval"),
    ACCOUNT_DEACTIVATED("Account deactivated"),
    EMAIL_TAKEN("Email address already registered"),
    TOKEN_INVALID("Link or token invalid or expired"),
    REFRESH_TOKEN_REUSED("Refresh token already used"),
    MFA_CODE_INVALID("Code invalid"),
    VERIFICATION_CODE_INVALID("Verification code invalid"),
    SMS_UNAVAILABLE("Text messages cannot be sent now"),
    MFA_REQUIRED("Two-factor authentication required"),
    MFA_ALREADY_ENABLED("Two-factor authentication already on"),
    LAST_ADMIN("The organisation needs an admin"),
    CIRCLE_FULL("The circle is full"),
    ALREADY_IN_A_CIRCLE("Already in a circle"),
    CIRCLE_ARCHIVED("The circle is archived"),
    EVENT_CANCELLED("The event is cancelled"),
    REGISTRATION_CLOSED("Registration is closed"),
    ALREADY_REGISTERED("Already registered"),
    CANCELLATION_CLOSED("Too late to cancel"),
    TICKET_INVALID("Ticket invalid"),
    OIDC_FAILED("Sign-in with the provider failed"),
    METHOD_NOT_ALLOWED("Method not allowed"),
    NOT_ACCEPTABLE("Not acceptable"),
    PAYLOAD_TOO_LARGE("Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("Unsupported media type"),
    RATE_LIMITED("Too many requests"),
    SERVICE_UNAVAILABLE("Service unavailable"),
    INTERNAL_ERROR("Internal error");

    private final String title;

    ErrorCode(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The type URI of the problem document. */
    public String type() {
        return "https://hearth.example/problems/" + name().toLowerCase().replace('_', '-');
    }

    /** The code a response of this status carries when nothing more specific is known. */
    public static ErrorCode forStatus(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST, UNPROCESSABLE_ENTITY -> VALIDATION_ERROR;
            case UNAUTHORIZED -> AUTHENTICATION_ERROR;
            case FORBIDDEN -> AUTHORIZATION_ERROR;
            case NOT_FOUND, GONE -> RESOURCE_NOT_FOUND;
            case CONFLICT -> RESOURCE_CONFLICT;
            case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> NOT_ACCEPTABLE;
            case REQUEST_ENTITY_TOO_LARGE -> PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY_REQUESTS -> RATE_LIMITED;
            case SERVICE_UNAVAILABLE -> SERVICE_UNAVAILABLE;
            default -> status.getCode() >= 500 ? INTERNAL_ERROR : VALIDATION_ERROR;
        };
    }
}
