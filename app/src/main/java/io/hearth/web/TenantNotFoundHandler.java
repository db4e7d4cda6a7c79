package io.hearth.web;

import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.hearth.kit.web.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.multitenancy.exceptions.TenantNotFoundException;
import jakarta.inject.Singleton;

/** A host that names no organisation is 404 TENANT_NOT_FOUND, whoever asks and whatever the path. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public final class TenantNotFoundHandler implements ExceptionHandler<TenantNotFoundException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    public TenantNotFoundHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, TenantNotFoundException exception) {
        Refusal refusal = new Refusal(Refusal.Kind.NOT_FOUND, CommonCode.TENANT_NOT_FOUND, "No organisation is served at this address");
        return processor.processResponse(ErrorContext.builder(request).cause(refusal).build(),
                HttpResponse.status(Problem.statusOf(refusal.kind())));
    }
}
