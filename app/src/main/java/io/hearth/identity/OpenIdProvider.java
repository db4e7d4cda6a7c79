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

    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http;
    private final JsonMapper json;
    private volatile Discovered discovered;

    OpenIdProvider(String issuer, String clientId, String clientSecret, HttpClient http, JsonMapper json) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.http = http;
        this.json = json;
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
                String authorization = (String) document.get("authorization_endpoint");
                String token = (String) document.get("token_endpoint");
                String keysAt = (String) document.get("jwks_uri");
                if (authorization == null || token == null || keysAt == null) {
                    throw failed("The discovery document lacks the authorization, token or keys endpoint");
                }
                JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(keysAt).toURL()).build();
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

    @SuppressWarnings("unchecked")
    private Map<String, Object> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw failed("The provider refused the request (" + response.statusCode() + ")");
            }
            return json.readValue(response.body(), Map.class);
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
