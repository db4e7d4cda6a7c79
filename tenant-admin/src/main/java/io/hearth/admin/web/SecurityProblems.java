package io.hearth.admin.web;

import io.hearth.kit.CommonCode;
import io.hearth.kit.web.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/** A missing or bad token is 401 AUTHENTICATION_ERROR; a valid token without the right role is 403 AUTHORIZATION_ERROR. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Replaces(DefaultAuthorizationExceptionHandler.class)
public final class SecurityProblems implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        MutableHttpResponse<Problem> response = exception.isForbidden()
                ? Problem.response(HttpStatus.FORBIDDEN, CommonCode.AUTHORIZATION_ERROR, "Your account may not do this")
                : Problem.response(HttpStatus.UNAUTHORIZED, CommonCode.AUTHENTICATION_ERROR, "Sign in as an operator and send the token as 'Authorization: Bearer ...'");
        if (!exception.isForbidden()) {
            response.getHeaders().set("WWW-Authenticate", "Bearer");
        }
        return response;
    }
}
