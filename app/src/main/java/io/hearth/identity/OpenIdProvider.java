package io.hearth.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.hearth.ErrorCode;
import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * One OpenID provider as a relying party sees it: its discovery document, the authorization URL of an attempt (code
 * flow, PKCE S256, state, nonce), the code's exchange and the ID token's checks (signature by the provider's published
 * keys, issuer, audience, expiry, nonce). Google's sign-in and each organisation's own provider are one of these.
 * Discovery is read once, on first use; the keys follow the provider's rotation.
 */
final class OpenIdProvider {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OpenIdProvider.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The most read from a provider in one answer: discovery, tokens and keys are a few kilobytes. */
    static final int MAX_ANSWER_BYTES = 512 * 1024;

    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http;
    private final JsonMapper json;
    private final java.util.function.Consumer<URI> endpointCheck;
    private volatile Discovered discovered;

    /**
     * @param endpointCheck refuses (with a Refusal) an endpoint the server must not call: every URL the discovery
     *                      document names passes it before it is used
     */
    OpenIdProvider(String issuer, String clientId, String clientSecret, HttpClient http, JsonMapper json, java.util.function.Consumer<URI> endpointCheck) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.http = http;
        this.json = json;
        this.endpointCheck = endpointCheck;
    }

    /** What discovery said: where to send a man and where to trade his code. */
    record Discovered(String issuer, String authorizationEndpoint, String tokenEndpoint, DefaultJWTProcessor<SecurityContext> idTokens) {
    }

    /** Where to send the man's browser for one attempt. */
    URI authorizationUri(String redirectUri, String state, String nonce, String verifier, @Nullable String loginHint) {
        return URI.create(discovered().authorizationEndpoint()
                + (discovered().authorizationEndpoint().contains("?") ? "&" : "?") + "response_type=code"
                + "&client_id=" + encode(clientId)
                + "&redirect_uri=" + encode(redirectUri)
                + "&scope=" + encode("openid email profile")
                + "&state=" + encode(state)
                + "&nonce=" + encode(nonce)
                + "&code_challenge=" + challenge(verifier)
                + "&code_challenge_method=S256"
                + (loginHint == null ? "" : "&login_hint=" + encode(loginHint)));
    }

    /** Trades the code (with the attempt's PKCE verifier) for an ID token and returns its claims, checked. */
    JWTClaimsSet signIn(String code, String redirectUri, String verifier, String nonce) {
        String form = "grant_type=authorization_code&code=" + encode(code) + "&redirect_uri=" + encode(redirectUri)
                + "&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret)
                + "&code_verifier=" + encode(verifier);
        Map<String, Object> body = send(HttpRequest.newBuilder(URI.create(discovered().tokenEndpoint())).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (!(body.get("id_token") instanceof String idToken)) {
            throw failed("The provider answered without an ID token");
        }
        try {
            JWTClaimsSet claims = discovered().idTokens().process(idToken, null);
            if (!nonce.equals(claims.getStringClaim("nonce"))) {
                throw failed("The ID token's nonce does not match this sign-in attempt");
            }
            return claims;
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw failed("The provider's ID token is not valid: " + e.getMessage());
        }
    }

    /** Reads the discovery document (once), checking that it speaks for the issuer it was asked about. */
    Discovered discovered() {
        Discovered known = discovered;
        if (known == null) {
            Map<String, Object> document = send(HttpRequest.newBuilder(URI.create(trimmed(issuer) + "/.well-known/openid-configuration"))
                    .timeout(TIMEOUT).GET().build());
            try {
                String said = (String) document.get("issuer");
                if (said == null || !trimmed(said).equals(trimmed(issuer))) {
                    throw failed("The discovery document speaks for another issuer (" + said + ")");
                }
                String authorization = endpoint(document.get("authorization_endpoint"));
                String token = endpoint(document.get("token_endpoint"));
                URI keysAt = URI.create(endpoint(document.get("jwks_uri")));
                JWKSource<SecurityContext> keys = JWKSourceBuilder.create(keysAt.toURL(), this::keys).build();
                DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
                processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
                processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId,
                        new JWTClaimsSet.Builder().issuer(said).build(), Set.of("sub", "exp", "iat", "nonce")));
                known = new Discovered(said, authorization, token, processor);
                discovered = known;
            } catch (IOException | ClassCastException | IllegalArgumentException e) {
                LOG.warn("the OpenID provider's discovery document at {} is unusable", issuer, e);
                throw failed("The provider's discovery document is unusable");
            }
        }
        return known;
    }

    /** An endpoint the discovery document names: an absolute http(s) URL that the check lets the server call. */
    private String endpoint(Object named) {
        if (!(named instanceof String text)) {
            throw failed("The discovery document lacks the authorization, token or keys endpoint");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw failed("The discovery document names an endpoint that is not a URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw failed("The discovery document names an endpoint that is not an absolute http(s) URL");
        }
        endpointCheck.accept(uri);
        return text;
    }

    /** The provider's keys, read as its other answers are: no redirect followed, at most MAX_ANSWER_BYTES. */
    private com.nimbusds.jose.util.Resource keys(java.net.URL url) throws IOException {
        try {
            HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(url.toURI()).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String body = new String(bounded(response.body()), StandardCharsets.UTF_8);
            if (response.statusCode() / 100 != 2) {
                throw new IOException("the provider's keys answered " + response.statusCode());
            }
            return new com.nimbusds.jose.util.Resource(body, response.headers().firstValue("Content-Type").orElse(null));
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static byte[] bounded(java.io.InputStream body) throws IOException {
        try (body) {
            byte[] read = body.readNBytes(MAX_ANSWER_BYTES + 1);
            if (read.length > MAX_ANSWER_BYTES) {
                throw new IOException("the provider's answer is over " + MAX_ANSWER_BYTES + " bytes");
            }
            return read;
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> send(HttpRequest request) {
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body = bounded(response.body());
            if (response.statusCode() / 100 != 2) {
                throw failed("The provider refused the request (" + response.statusCode() + ")");
            }
            Map<String, Object> read = json.readValue(body, Map.class);
            if (read == null) {
                throw failed("The provider answered with no JSON object");
            }
            return read;
        } catch (IOException e) {
            LOG.warn("the OpenID provider could not be reached at {}", request.uri(), e);
            throw new Refusal(Refusal.Kind.UNAVAILABLE, CommonCode.SERVICE_UNAVAILABLE, "The sign-in provider cannot be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(Refusal.Kind.UNAVAILABLE, CommonCode.SERVICE_UNAVAILABLE, "Interrupted");
        }
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Refusal failed(String detail) {
        return new Refusal(Refusal.Kind.UNAUTHENTICATED, ErrorCode.OIDC_FAILED, detail);
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
