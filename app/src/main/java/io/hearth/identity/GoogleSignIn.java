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
import io.hearth.crypto.SecretTokens;
import io.hearth.identity.internal.CredentialStore;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

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
 * Google sign-in: the OpenID Connect authorization code flow with PKCE (S256), state and nonce. The ID token is
 * verified against the provider's published keys, issuer, audience, expiry and nonce. A Google account signs in to
 * an existing person only: one already linked, or one whose address Google says is verified.
 */
@TenantBound
@Singleton
public class GoogleSignIn {

    static final String PROVIDER = "google";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GoogleSignIn.class);
    private static final Duration STATE_TTL = Duration.ofMinutes(10);

    private final OidcConfiguration configuration;
    private final StatefulRedisConnection<String, String> redis;
    private final People people;
    private final CredentialStore credentials;
    private final SignIn signIn;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Provider provider;

    public GoogleSignIn(OidcConfiguration configuration, StatefulRedisConnection<String, String> redis, People people,
                        CredentialStore credentials, SignIn signIn, JsonMapper json) {
        this.configuration = configuration;
        this.redis = redis;
        this.people = people;
        this.credentials = credentials;
        this.signIn = signIn;
        this.json = json;
    }

    private record Provider(String authorizationEndpoint, String tokenEndpoint, DefaultJWTProcessor<SecurityContext> idTokens) {
    }

    /** The provider's authorization URL for a new attempt; state, nonce and the PKCE verifier wait in Redis. */
    public URI start(Tenant tenant) {
        requireEnabled();
        String state = SecretTokens.newToken();
        String nonce = SecretTokens.newToken();
        String verifier = SecretTokens.newToken();
        redis.sync().set(stateKey(tenant, state), verifier + " " + nonce, SetArgs.Builder.px(STATE_TTL.toMillis()));
        return URI.create(provider().authorizationEndpoint()
                + "?response_type=code"
                + "&client_id=" + encode(configuration.clientId())
                + "&redirect_uri=" + encode(redirectUri(tenant))
                + "&scope=" + encode("openid email profile")
                + "&state=" + encode(state)
                + "&nonce=" + encode(nonce)
                + "&code_challenge=" + challenge(verifier)
                + "&code_challenge_method=S256");
    }

    /** Completes the flow: exchanges the code, verifies the ID token and signs the linked person in. */
    public SignIn.Outcome complete(Tenant tenant, String code, String state, String ip, String userAgent) {
        requireEnabled();
        String stored = redis.sync().getdel(stateKey(tenant, state));
        if (stored == null) {
            throw failed("The sign-in attempt is unknown or expired: start again");
        }
        String[] parts = stored.split(" ");
        JWTClaimsSet claims = verifyIdToken(exchange(tenant, code, parts[0]), parts[1]);
        String subject = claims.getSubject();
        String email;
        boolean verified;
        try {
            email = claims.getStringClaim("email");
            Boolean emailVerified = claims.getBooleanClaim("email_verified");
            verified = Boolean.TRUE.equals(emailVerified);
        } catch (ParseException e) {
            throw failed("The provider's ID token has malformed claims");
        }
        PersonRow person = credentials.linkedPerson(tenant.id().value(), PROVIDER, subject)
                .flatMap(people::find)
                .orElseGet(() -> linkByVerifiedEmail(tenant, subject, email, verified));
        SignIn.requireActive(person);
        return signIn.afterFirstFactor(tenant, person, "google", ip, userAgent);
    }

    private PersonRow linkByVerifiedEmail(Tenant tenant, String subject, String email, boolean verified) {
        if (email == null || !verified) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.OIDC_FAILED, "Google has not verified this account's email address, so it cannot be linked");
        }
        PersonRow person = people.findByEmail(email)
                .filter(row -> !PersonStatus.ERASED.name().equals(row.status()))
                .orElseThrow(() -> new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.OIDC_FAILED,
                        "No account of this organisation has this email address: register or ask for an invitation first"));
        credentials.link(tenant.id().value(), PROVIDER, subject, person.id(), email);
        return person;
    }

    private String exchange(Tenant tenant, String code, String verifier) {
        String form = "grant_type=authorization_code&code=" + encode(code) + "&redirect_uri=" + encode(redirectUri(tenant))
                + "&client_id=" + encode(configuration.clientId()) + "&client_secret=" + encode(configuration.clientSecret())
                + "&code_verifier=" + encode(verifier);
        Map<String, Object> body = postForm(provider().tokenEndpoint(), form);
        Object idToken = body.get("id_token");
        if (!(idToken instanceof String token)) {
            throw failed("The provider answered without an ID token");
        }
        return token;
    }

    private JWTClaimsSet verifyIdToken(String idToken, String nonce) {
        try {
            JWTClaimsSet claims = provider().idTokens().process(idToken, null);
            if (!nonce.equals(claims.getStringClaim("nonce"))) {
                throw failed("The ID token's nonce does not match this sign-in attempt");
            }
            return claims;
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw failed("The provider's ID token is not valid: " + e.getMessage());
        }
    }

    private Provider provider() {
        Provider known = provider;
        if (known == null) {
            Map<String, Object> discovery = getJson(configuration.issuer().replaceAll("/$", "") + "/.well-known/openid-configuration");
            try {
                JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create((String) discovery.get("jwks_uri")).toURL()).build();
                DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
                processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
                processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(configuration.clientId(),
                        new JWTClaimsSet.Builder().issuer((String) discovery.get("issuer")).build(), Set.of("sub", "exp", "iat", "nonce")));
                known = new Provider((String) discovery.get("authorization_endpoint"), (String) discovery.get("token_endpoint"), processor);
                provider = known;
            } catch (IOException | RuntimeException e) {
                LOG.warn("the OpenID provider's discovery document at {} is unusable", configuration.issuer(), e);
                throw failed("The provider's discovery document is unusable");
            }
        }
        return known;
    }

    private Map<String, Object> getJson(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private Map<String, Object> postForm(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
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

    private void requireEnabled() {
        if (!configuration.enabled()) {
            throw Refusal.notFound("Sign-in with Google is not set up");
        }
    }

    private String redirectUri(Tenant tenant) {
        return configuration.redirectUriTemplate().replace("{slug}", tenant.slug());
    }

    private static String stateKey(Tenant tenant, String state) {
        return "hearth:oidc-state:" + tenant.id().value() + ":" + SecretTokens.hash(state);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Refusal failed(String detail) {
        return new Refusal(Refusal.Kind.UNAUTHENTICATED, ErrorCode.OIDC_FAILED, detail);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
