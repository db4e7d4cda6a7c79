package io.hearth.platform;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local run's OpenID provider, for organisations' single sign-on: a real OpenID Connect server
 * (mock-oauth2-server, discovery, keys, code flow with PKCE) with any number of issuers, one per path. It asks nobody
 * anything: the issuer {@value #DEMO_ISSUER} signs in Pat Partner ({@value #DEMO_EMAIL}, verified, in the group
 * {@value #DEMO_GROUP}) whatever address he was sent with; any other issuer signs in a subject of its own, with no claims.
 */
public final class OpenIdStandIn implements AutoCloseable {

    public static final String DEMO_ISSUER = "demo";
    public static final String DEMO_CLIENT_ID = "hearth-demo";
    /** Not a secret: the stand-in takes any; the organisation stores it sealed as it would a real one. */
    public static final String DEMO_CLIENT_SECRET = "hearth-demo-provider-secret";
    public static final String DEMO_SUBJECT = "pat-partner";
    public static final String DEMO_EMAIL = "pat@partners.example";
    public static final String DEMO_DOMAIN = "partners.example";
    public static final String DEMO_FIRST_NAME = "Pat";
    public static final String DEMO_LAST_NAME = "Partner";
    public static final String DEMO_GROUP = "crew";

    private final MockOAuth2Server server;

    private OpenIdStandIn(MockOAuth2Server server) {
        this.server = server;
    }

    /** Starts it on localhost at the given port (0: any free one). */
    public static OpenIdStandIn start(int port) {
        DefaultOAuth2TokenCallback pat = new DefaultOAuth2TokenCallback(DEMO_ISSUER, DEMO_SUBJECT, "JWT", List.of(DEMO_CLIENT_ID),
                Map.of("email", DEMO_EMAIL, "email_verified", true, "given_name", DEMO_FIRST_NAME, "family_name", DEMO_LAST_NAME,
                        "groups", List.of(DEMO_GROUP)), 3600);
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(), Set.of(pat)));
        server.start(port);
        return new OpenIdStandIn(server);
    }

    /** The issuer URL of one of its issuers, as an organisation's settings name it (http://localhost:PORT/ID). */
    public String issuer(String id) {
        return server.issuerUrl(id).toString();
    }

    /** The issuer that signs in Pat Partner. */
    public String demoIssuer() {
        return issuer(DEMO_ISSUER);
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
