package io.hearth.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import io.hearth.ErrorCode;
import io.hearth.crypto.SecretTokens;
import io.hearth.identity.internal.PersonRow;
import io.hearth.identity.internal.SsoLinkRepository;
import io.hearth.identity.internal.SsoLinkRow;
import io.hearth.kit.Refusal;
import io.hearth.messaging.Mailer;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Singleton;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in through the organisation's own OpenID provider, identity first: his address says which domain he is of,
 * the domain sends him to the provider (code flow with PKCE, state and nonce, bound to this organisation in Redis),
 * the provider's ID token brings him back. He is the man linked to his subject there; or the man with his address
 * when the provider says it verified it (a missing claim counts as not) and the address is of the organisation's
 * domains; or a new man. His groups there map to roles.
 */
@TenantBound
@Singleton
public class SsoSignIn {

    private static final Duration STATE_TTL = Duration.ofMinutes(10);

    private final OrganisationSso sso;
    private final SsoLinkRepository links;
    private final People people;
    private final SignUp signUp;
    private final SignIn signIn;
    private final PublicLinks publicLinks;
    private final StatefulRedisConnection<String, String> redis;
    private final io.hearth.web.AppRedis limiter;
    private final int startsPerMinute;
    private final Mailer mailer;
    private final Clock clock;

    public SsoSignIn(OrganisationSso sso, SsoLinkRepository links, People people, SignUp signUp, SignIn signIn, PublicLinks publicLinks,
                     StatefulRedisConnection<String, String> redis, io.hearth.web.AppRedis limiter, Clock clock,
                     @io.micronaut.context.annotation.Property(name = "hearth.sso.starts-per-minute") int startsPerMinute, Mailer mailer) {
        this.sso = sso;
        this.links = links;
        this.people = people;
        this.signUp = signUp;
        this.signIn = signIn;
        this.publicLinks = publicLinks;
        this.redis = redis;
        this.limiter = limiter;
        this.startsPerMinute = startsPerMinute;
        this.mailer = mailer;
        this.clock = clock;
    }

    /**
     * An attempt begun: where to send him, and the value that binds it to the browser that began it (to be set as a
     * cookie on that browser, and required back at the callback of a browser).
     */
    public record Started(URI authorization, String browserBinding) {
    }

    /** The provider's authorization URL for his address: 404 SSO_NOT_CONFIGURED when his domain does not sign in through it. */
    public Started start(Tenant tenant, String email, String ip) {
        if (limiter.count("sso-starts:" + tenant.id().value() + ":" + ip, Duration.ofMinutes(1)) > startsPerMinute) {
            throw Refusal.rateLimited("Too many sign-in attempts from here: wait a minute", 60);
        }
        String address = email.strip();
        OrganisationSso.Active active = sso.active(tenant)
                .filter(settings -> settings.domains().contains(OrganisationSso.domainOf(address)))
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, ErrorCode.SSO_NOT_CONFIGURED,
                        "Addresses at " + OrganisationSso.domainOf(address) + " do not sign in through a provider here: use your password"));
        String state = SecretTokens.newToken();
        String nonce = SecretTokens.newToken();
        String verifier = SecretTokens.newToken();
        String binding = SecretTokens.newToken();
        URI authorize = active.provider().authorizationUri(redirectUri(tenant), state, nonce, verifier, address);
        redis.sync().set(stateKey(tenant, state), verifier + " " + nonce + " " + SecretTokens.hash(binding) + " " + active.issuer(),
                SetArgs.Builder.px(STATE_TTL.toMillis()));
        return new Started(authorize, binding);
    }

    /**
     * Completes the flow on the organisation's host: his session (or MFA challenge), or a refusal saying why. A
     * browser must bring back the binding of the browser that began the attempt (else a man could be signed in as
     * someone else by a link); an API client that began it without a browser need not.
     */
    public SignIn.Outcome complete(Tenant tenant, String code, String state, boolean browser, @io.micronaut.core.annotation.Nullable String binding,
                                   String ip, String userAgent) {
        String stored = redis.sync().getdel(stateKey(tenant, state));
        if (stored == null) {
            throw OpenIdProvider.failed("The sign-in attempt is unknown, used or expired: start again");
        }
        String[] attempt = stored.split(" ", 4);
        boolean bound = binding != null && SecretTokens.hash(binding).equals(attempt[2]);
        if (browser && !bound) {
            throw OpenIdProvider.failed("This sign-in was not started in this browser: start again from the sign-in page");
        }
        OrganisationSso.Active active = sso.active(tenant).filter(settings -> settings.issuer().equals(attempt[3]))
                .orElseThrow(() -> OpenIdProvider.failed("The organisation's sign-in changed while you were away: start again"));
        JWTClaimsSet claims = active.provider().signIn(code, redirectUri(tenant), attempt[0], attempt[1]);
        Set<String> groups = OrganisationSso.groupsFrom(claims.getClaim(active.groupsClaim()));
        Instant now = clock.instant();
        Optional<SsoLinkRow> link = links.findByIssuerAndSubject(active.issuer(), claims.getSubject());
        Optional<PersonRow> linked = link.flatMap(known -> people.find(known.personId())).filter(row -> !PersonStatus.ERASED.name().equals(row.status()));
        if (link.isPresent() && linked.isEmpty()) {
            // The man this subject was linked to is gone: the link goes too, and the subject is looked at afresh.
            links.deleteById(link.get().personId());
        }
        PersonRow person = linked.orElseGet(() -> byVerifiedAddress(tenant, active, claims, ip));
        Optional<SsoLinkRow> his = links.findById(person.id());
        Set<Role> mappedBefore = his.map(known -> OrganisationSso.roles(known.mappedRoles())).orElse(Set.of());
        // Roles follow his groups only while he may sign in: a deactivated or waiting man's roles are not touched.
        boolean mayUse = PersonStatus.ACTIVE.name().equals(person.status());
        Set<Role> mapped = !mayUse || person.id().equals(active.breakGlassAdminId()) ? mappedBefore
                : sso.syncRoles(tenant, person.id(), groups, active.roleMappings(), mappedBefore);
        SsoLinkRow row = new SsoLinkRow(person.id(), active.issuer(), claims.getSubject(), groups.toArray(String[]::new),
                mapped.stream().map(Role::name).toArray(String[]::new), his.map(SsoLinkRow::linkedAt).orElse(now), now);
        if (his.isPresent()) {
            links.update(row);
        } else {
            links.save(row);
        }
        SignIn.requireActive(person);
        return signIn.afterFirstFactor(tenant, people.find(person.id()).orElseThrow(), "sso", ip, userAgent);
    }

    private PersonRow byVerifiedAddress(Tenant tenant, OrganisationSso.Active active, JWTClaimsSet claims, String ip) {
        String email;
        Boolean verified;
        try {
            email = claims.getStringClaim("email");
            verified = claims.getBooleanClaim("email_verified");
        } catch (ParseException e) {
            // email_verified as the string "true" is not the boolean the standard says: it counts as not verified.
            throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.OIDC_FAILED, "The provider's ID token says the address is verified in a form that is not true or false");
        }
        if (email == null || !Boolean.TRUE.equals(verified)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.OIDC_FAILED,
                    "Your provider has not said that it verified your email address (email_verified), so it cannot be linked to an account here");
        }
        if (!active.domains().contains(OrganisationSso.domainOf(email))) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.OIDC_FAILED,
                    "Your provider vouches for " + OrganisationSso.domainOf(email) + ", which is not one of the organisation's sign-in domains");
        }
        Optional<PersonRow> existing = people.findByEmail(email).filter(row -> !PersonStatus.ERASED.name().equals(row.status()));
        if (existing.isPresent()) {
            PersonRow person = existing.get();
            Optional<SsoLinkRow> his = links.findById(person.id());
            if (his.isPresent() && his.get().issuer().equals(active.issuer())) {
                // Once linked, he is his subject at the provider: another account there with his address is not him.
                throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.OIDC_FAILED,
                        "This address's account here is linked to another account at your organisation's provider: sign in with that one");
            }
            mailer.send(tenant, person.email(), "Your " + tenant.name() + " account now signs in through your organisation's sign-in",
                    "Hello " + person.firstName() + ",\n\nYour account on " + tenant.name() + " was just linked to your organisation's own sign-in ("
                            + active.issuer() + "), which vouched for this address. From now on you sign in there.\n\n"
                            + "If this was not you, tell the organisation's admins at once.\n");
            return person;
        }
        return signUp.joinThroughProvider(tenant, email, name(claims, "given_name", email.substring(0, email.indexOf('@'))),
                name(claims, "family_name", "-"), ip);
    }

    private static String name(JWTClaimsSet claims, String claim, String otherwise) {
        Object value = claims.getClaim(claim);
        if (value instanceof String given && !given.isBlank()) {
            String name = given.strip();
            return name.length() > 100 ? name.substring(0, 100) : name;
        }
        return otherwise.length() > 100 ? otherwise.substring(0, 100) : otherwise;
    }

    private String redirectUri(Tenant tenant) {
        return publicLinks.to(tenant, OrganisationSso.CALLBACK_PATH);
    }

    private static String stateKey(Tenant tenant, String state) {
        return "hearth:sso-state:" + tenant.id().value() + ":" + SecretTokens.hash(state);
    }
}
