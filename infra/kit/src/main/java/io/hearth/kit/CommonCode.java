package io.hearth.kit;

/** The codes every Hearth service may answer with, whatever its domain. */
public enum CommonCode implements ProblemCode {
    VALIDATION_ERROR("Invalid request"),
    AUTHENTICATION_ERROR("Authentication required"),
    AUTHORIZATION_ERROR("Not allowed"),
    RESOURCE_NOT_FOUND("Not found"),
    RESOURCE_CONFLICT("Conflict"),
    TENANT_NOT_FOUND("Organisation not found"),
    METHOD_NOT_ALLOWED("Method not allowed"),
    NOT_ACCEPTABLE("Not acceptable"),
    PAYLOAD_TOO_LARGE("Payload too large"),
    URI_TOO_LONG("URI too long"),
    HEADERS_TOO_LARGE("Request headers too large"),
    UNSUPPORTED_MEDIA_TYPE("Unsupported media type"),
    RATE_LIMITED("Too many requests"),
    SERVICE_UNAVAILABLE("Service unavailable"),
    /** The organisation's data is being moved or restored: its writes wait a few seconds; reads go on. */
    WRITES_PAUSED("Writes paused"),
    INTERNAL_ERROR("Internal error");

    private final String title;

    CommonCode(String title) {
        this.title = title;
    }

    @Override
    public String title() {
        return title;
    }
}
