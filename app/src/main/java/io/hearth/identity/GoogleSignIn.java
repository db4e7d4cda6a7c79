package io.hearth.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import io.hearth.ErrorCode;
import io.hearth.crypto.SecretTokens;
import io.hearth.identity.internal.CredentialStore;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Duration;

/**
 * Google sign-in: the OpenID Connect authorization code flow with PKCE (S256), state and nonce (see
 * {@link OpenIdProvider}). A Google account signs in to an existing person only: one already linked, or one whose
 * address Google says is verified. An address whose domain the organisation sends to its own provider signs in there.
 */
@TenantBound
@Singleton
public class GoogleSignIn {

    static final String PROVIDER = "google";
    private static final Duration STATE_TTL = Duration.ofMinutes(10);

    private final OidcConfiguration configuration;
    private final StatefulRedisConnection<String, String> redis;
    private final People people;
    private final CredentialStore credentials;
    private final SignIn signIn;
    private final OrganisationSso sso;
    private final OpenIdProvider provider;

    public GoogleSignIn(OidcConfiguration configuration, StatefulRedisConnection<String, String> redis, People people,
                        CredentialStore credentials, SignIn signIn, OrganisationSso sso, JsonMapper json) {
        this.configuration = configuration;
        this.redis = redis;
        this.people = people;
        this.credentials = credentials;
        this.signIn = signIn;
        this.sso = sso;
        this.provider = new OpenIdProvider(configuration.issuer(), configuration.clientId(), configuration.clientSecret(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), json, endpoint -> {
                    // The operators configure Google's issuer: its endpoints are not an organisation's to choose.
                });
    }

    /** The provider's authorization URL for a new attempt; state, nonce and the PKCE verifier wait in Redis. */
    public URI start(Tenant tenant) {
        requireEnabled();
        String state = SecretTokens.newToken();
        String nonce = SecretTokens.newToken();
        String verifier = SecretTokens.newToken();
        URI authorize = provider.authorizationUri(redirectUri(tenant), state, nonce, verifier, null);
        redis.sync().set(stateKey(tenant, state), verifier + " " + nonce, SetArgs.Builder.px(STATE_TTL.toMillis()));
        return authorize;
    }

    /** Completes the flow: exchanges the code, verifies the ID token and signs the linked person in. */
    public SignIn.Outcome complete(Tenant tenant, String code, String state, String ip, String userAgent) {
        requireEnabled();
        String stored = redis.sync().getdel(stateKey(tenant, state));
        if (stored == null) {
            throw OpenIdProvider.failed("The sign-in attempt is unknown or expired: start again");
        }
        String[] parts = stored.split(" ");
        JWTClaimsSet claims = provider.signIn(code, redirectUri(tenant), parts[0], parts[1]);
        String subject = claims.getSubject();
        String email;
        boolean verified;
        try {
            email = claims.getStringClaim("email");
            verified = Boolean.TRUE.equals(claims.getBooleanClaim("email_verified"));
        } catch (ParseException e) {
            throw OpenIdProvider.failed("The provider's ID token has malformed claims");
        }
        PersonRow person = credentials.linkedPerson(tenant.id().value(), PROVIDER, subject)
                .flatMap(people::find)
                .orElseGet(() -> linkByVerifiedEmail(tenant, subject, email, verified));
        SignIn.requireActive(person);
        sso.requirePasswordOrGoogleAllowed(tenant, person);
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
        // An address the organisation signs in through its own provider is not linked to Google at all.
        sso.requirePasswordOrGoogleAllowed(tenant, person);
        credentials.link(tenant.id().value(), PROVIDER, subject, person.id(), email);
        return person;
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
}
