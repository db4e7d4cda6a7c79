package io.hearth.kit.web;

import io.hearth.kit.Refusal;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * micronaut-security's refusals as problem+json: no valid token is 401 AUTHENTICATION_ERROR (with
 * {@code WWW-Authenticate: Bearer} and the service's hint, {@code hearth.security.sign-in-detail}); a valid token
 * without the right is 403 AUTHORIZATION_ERROR.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Requires(classes = AuthorizationException.class)
@Replaces(DefaultAuthorizationExceptionHandler.class)
public final class SecurityProblems implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;
    private final String signInDetail;

    public SecurityProblems(ErrorResponseProcessor<?> processor,
                            @Value("${hearth.security.sign-in-detail:Sign in and send the token as 'Authorization: Bearer ...'}") String signInDetail) {
        this.processor = processor;
        this.signInDetail = signInDetail;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        Refusal refusal = exception.isForbidden()
                ? Refusal.forbidden("Your account may not do this")
                : Refusal.unauthorized(signInDetail);
        MutableHttpResponse<?> response = HttpResponse.status(Problem.statusOf(refusal.kind()));
        if (!exception.isForbidden()) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return processor.processResponse(ErrorContext.builder(request).cause(refusal).build(), response);
    }
}
