package io.hearth.identity.api;

import io.micronaut.http.HttpRequest;

/** What a request says about its client. */
public final class Clients {

    private Clients() {
    }

    /** The peer's address. Behind a proxy this is the proxy's; trusting X-Forwarded-For needs a list of trusted proxies first. */
    public static String ip(HttpRequest<?> request) {
        return request.getRemoteAddress().getAddress().getHostAddress();
    }
}
