package io.hearth;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Calls app as a client on one organisation's host would, and returns every answer (errors included) as a {@link Reply}. */
public final class Api {

    private final HttpClient client;
    private final String host;

    public Api(HttpClient client, String host) {
        this.client = client;
        this.host = host;
    }

    public Reply get(String path, String token) {
        return send(HttpMethod.GET, path, null, token);
    }

    public Reply post(String path, Object body, String token) {
        return send(HttpMethod.POST, path, body, token);
    }

    public Reply put(String path, Object body, String token) {
        return send(HttpMethod.PUT, path, body, token);
    }

    public Reply delete(String path, String token) {
        return send(HttpMethod.DELETE, path, null, token);
    }

    public Reply send(HttpMethod method, String path, Object body, String token) {
        MutableHttpRequest<Object> request = HttpRequest.create(method, path).header(HttpHeaders.HOST, host);
        if (body != null) {
            request.body(body);
        }
        if (token != null) {
            request.bearerAuth(token);
        }
        return send(request);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public Reply send(MutableHttpRequest<?> request) {
        // Set, not add: a request with two Host headers is refused (400).
        request.getHeaders().set(HttpHeaders.HOST, host);
        try {
            HttpResponse<Map> response = client.toBlocking().exchange(request, Argument.of(Map.class), Argument.of(Map.class));
            return new Reply(response.getStatus().getCode(), response.getBody(Map.class).orElse(Map.of()), response.getHeaders());
        } catch (HttpClientResponseException e) {
            return new Reply(e.getStatus().getCode(), e.getResponse().getBody(Map.class).orElse(Map.of()), e.getResponse().getHeaders());
        }
    }

    /** One answer: status, JSON body (empty map when none) and headers. */
    public record Reply(int status, Map<String, Object> body, HttpHeaders headers) {
        public String string(String field) {
            Object value = body.get(field);
            return value == null ? null : value.toString();
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> map(String field) {
            return (Map<String, Object>) body.get(field);
        }

        @SuppressWarnings("unchecked")
        public List<Object> list(String field) {
            return (List<Object>) body.get(field);
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        public String code() {
            return string("code");
        }
    }
}
