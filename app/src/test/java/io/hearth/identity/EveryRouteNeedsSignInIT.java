package io.hearth.identity;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.hearth.web.Public;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Fail closed: every route of the application that is not marked @Public refuses a caller without a token. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryRouteNeedsSignInIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject Router router;

    @Test
    void everyRouteNotMarkedPublicAnswers401WithoutAToken() {
        Org org = Org.create(provisioning, directory, client, "closed");
        List<String> checked = new ArrayList<>();
        List<String> open = new ArrayList<>();

        router.uriRoutes().forEach(route -> {
            String path = concrete(route);
            if (route.getAnnotationMetadata().hasAnnotation(Public.class) || io.hearth.tenancy.api.TenantFilter.isPlatformPath(path)) {
                return;
            }
            HttpMethod method = route.getHttpMethod();
            Object body = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH ? Map.of() : null;
            // A route that takes no JSON (a file upload, a CSV) is asked in the type it takes: its door is the same.
            List<io.micronaut.http.MediaType> takes = route.getConsumes();
            Api.Reply reply = body != null && !takes.isEmpty() && !takes.contains(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE)
                    ? org.api().send(io.micronaut.http.HttpRequest.create(method, path).contentType(takes.get(0))
                            .body(takes.get(0).getName().equals(io.micronaut.http.MediaType.MULTIPART_FORM_DATA)
                                    ? io.micronaut.http.client.multipart.MultipartBody.builder().addPart("x", "x").build() : "x".getBytes()))
                    : org.api().send(method, path, body, null);
            checked.add(method + " " + path);
            if (reply.status() != 401) {
                open.add(method + " " + path + " -> " + reply.status());
            }
        });

        assertThat(checked).hasSizeGreaterThan(10);
        assertThat(open).isEmpty();
    }

    private static String concrete(UriRouteInfo<?, ?> route) {
        String template = route.getUriMatchTemplate().toString();
        return template.replaceAll("\\{\\?[^}]*}", "").replaceAll("\\{[^}]*}", UUID.randomUUID().toString());
    }
}
