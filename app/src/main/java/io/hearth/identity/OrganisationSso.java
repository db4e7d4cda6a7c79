package io.hearth.identity;

import io.hearth.ErrorCode;
import io.hearth.crypto.FieldCipher;
import io.hearth.identity.internal.CredentialStore;
import io.hearth.identity.internal.PersonRow;
import io.hearth.identity.internal.SsoLinkRepository;
import io.hearth.identity.internal.SsoLinkRow;
import io.hearth.identity.internal.SsoSettingsRepository;
import io.hearth.identity.internal.SsoSettingsRow;
import io.hearth.kit.Refusal;
import io.hearth.kit.Refusal.FieldError;
import io.hearth.tenancy.ForTenant;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The organisation's own OpenID Connect provider: its settings (the client secret sealed at rest), which addresses
 * sign in through it (by domain), the one admin who keeps his password whatever his domain (break glass), and how the
 * provider's groups map to Hearth's roles, with a preview of what a mapping would change.
 */
@TenantBound
@Singleton
public class OrganisationSso {

    public static final String CALLBACK_PATH = "/api/v1/auth/sso/callback";
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");
    private static final Pattern CLAIM = Pattern.compile("^[A-Za-z0-9_:./-]{1,100}$");
    private static final Duration PROVIDER_KEPT = Duration.ofHours(1);
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    /**
     * Mail services anyone can have an address at: an organisation's provider does not speak for them (it would let
     * an admin's provider vouch for any man's private address).
     */
    private static final Set<String> PUBLIC_MAIL = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
            "yahoo.com", "yahoo.co.uk", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "gmx.com", "gmx.de", "gmx.net", "web.de",
            "mail.com", "proton.me", "protonmail.com", "pm.me", "zoho.com", "yandex.com", "yandex.ru", "mail.ru", "t-online.de", "freenet.de",
            "hey.com", "fastmail.com", "tutanota.com", "tuta.io", "qq.com", "163.com", "126.com");

    private final SsoSettingsRepository settings;
    private final SsoLinkRepository links;
    private final People people;
    private final CredentialStore credentials;
    private final RoleGrants roleGrants;
    private final FieldCipher cipher;
    private final PublicLinks publicLinks;
    private final Audit audit;
    private final JsonMapper json;
    private final Clock clock;
    private final boolean localIssuers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<UUID, Kept> providers = new ConcurrentHashMap<>();

    public OrganisationSso(SsoSettingsRepository settings, SsoLinkRepository links, People people, CredentialStore credentials, RoleGrants roleGrants,
                           FieldCipher cipher, PublicLinks publicLinks, Audit audit, JsonMapper json, Clock clock,
                           @Property(name = "hearth.sso.local-issuers", defaultValue = "false") boolean localIssuers) {
        this.settings = settings;
        this.links = links;
        this.people = people;
        this.credentials = credentials;
        this.roleGrants = roleGrants;
        this.cipher = cipher;
        this.publicLinks = publicLinks;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.localIssuers = localIssuers;
    }

    /** A provider group whose members hold a role. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "SsoRoleMapping")
    @Serdeable
    public record RoleMapping(String group, Role role) {
    }

    /** The settings as an admin sees them: never the secret, only whether one is stored. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "SsoSettings")
    @Serdeable
    public record SsoSettings(boolean enabled, @Nullable String issuer, @Nullable String clientId, boolean clientSecretSet, List<String> domains,
                              String groupsClaim, List<RoleMapping> roleMappings, @Nullable UUID breakGlassAdminId, String redirectUri,
                              @Nullable Instant updatedAt) {
    }

    /** What an admin asks for; a null secret keeps the stored one. */
    public record Change(boolean enabled, @Nullable String issuer, @Nullable String clientId, @Nullable String clientSecret, List<String> domains,
                         @Nullable String groupsClaim, List<RoleMapping> roleMappings, @Nullable UUID breakGlassAdminId) {
    }

    /** A man who signed in through the provider, and what the mapping would change for him at his next sign-in. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "SsoPreviewMan")
    @Serdeable
    public record Preview(UUID personId, String name, String email, List<String> groups, List<Role> gains, List<Role> loses) {
    }

    /** The provider's discovery, read for the admin's "test connection". */
    @io.swagger.v3.oas.annotations.media.Schema(name = "SsoTested")
    @Serdeable
    public record Tested(String issuer, String authorizationEndpoint) {
    }

    /** Settings in force, with the secret opened: for the sign-in itself. */
    record Active(String issuer, String clientId, Set<String> domains, String groupsClaim, List<RoleMapping> roleMappings,
                  @Nullable UUID breakGlassAdminId, OpenIdProvider provider) {
    }

    private record Kept(String fingerprint, OpenIdProvider provider, Instant at) {
    }

    public SsoSettings view(Caller caller) {
        return view(caller.tenant(), row());
    }

    public SsoSettings save(Caller caller, Change change) {
        Tenant tenant = caller.tenant();
        SsoSettingsRow before = row();
        List<FieldError> errors = new ArrayList<>();
        String issuer = blankToNull(change.issuer());
        if (issuer != null) {
            issuer = issuer.strip();
            issuerProblem(issuer).ifPresent(problem -> errors.add(new FieldError("issuer", problem)));
        }
        String clientId = blankToNull(change.clientId());
        String secret = blankToNull(change.clientSecret());
        List<String> domains = new ArrayList<>();
        for (String given : change.domains()) {
            String domain = given == null ? "" : given.strip().toLowerCase(Locale.ROOT).replaceFirst("^@", "");
            if (!DOMAIN.matcher(domain).matches()) {
                errors.add(new FieldError("domains", "'" + given + "' is not a domain name (like example.org)"));
            } else if (PUBLIC_MAIL.contains(domain)) {
                errors.add(new FieldError("domains", "'" + domain + "' is a public mail service: your provider cannot speak for its addresses"));
            } else if (!domains.contains(domain)) {
                domains.add(domain);
            }
        }
        String groupsClaim = change.groupsClaim() == null || change.groupsClaim().isBlank() ? "groups" : change.groupsClaim().strip();
        if (!CLAIM.matcher(groupsClaim).matches()) {
            errors.add(new FieldError("groupsClaim", "must be a claim name: letters, digits and _ : . / - (at most 100)"));
        }
        List<RoleMapping> mappings = cleanMappings(change.roleMappings(), errors);
        UUID breakGlass = change.breakGlassAdminId() != null ? change.breakGlassAdminId() : before == null ? null : before.breakGlassAdminId();
        if (breakGlass == null && change.enabled()) {
            breakGlass = caller.person();
        }
        if (breakGlass != null) {
            breakGlassProblem(tenant, breakGlass).ifPresent(problem -> errors.add(new FieldError("breakGlassAdminId", problem)));
        }
        String sealed = secret != null ? cipher.seal(secret, secretAad(tenant)) : before != null ? before.sealedClientSecret() : null;
        if (secret == null && sealed != null && (!java.util.Objects.equals(before.issuer(), issuer) || !java.util.Objects.equals(before.clientId(), clientId))) {
            // The stored secret goes only to the provider it was given for: a new issuer or client gets a new secret.
            errors.add(new FieldError("clientSecret", "give the client secret again: the issuer or the client id changed"));
        }
        if (change.enabled()) {
            if (issuer == null) {
                errors.add(new FieldError("issuer", "is needed to turn single sign-on on"));
            }
            if (clientId == null) {
                errors.add(new FieldError("clientId", "is needed to turn single sign-on on"));
            }
            if (sealed == null) {
                errors.add(new FieldError("clientSecret", "is needed to turn single sign-on on"));
            }
            if (domains.isEmpty()) {
                errors.add(new FieldError("domains", "name at least one domain whose addresses sign in through the provider"));
            }
        }
        if (clientId != null && clientId.length() > 500) {
            errors.add(new FieldError("clientId", "must be at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        SsoSettingsRow row = new SsoSettingsRow(true, change.enabled(), issuer, clientId, sealed, domains.toArray(String[]::new), groupsClaim,
                mappings.stream().map(m -> m.group() + "=" + m.role().name()).toArray(String[]::new), breakGlass, clock.instant(), caller.person());
        if (before == null) {
            settings.save(row);
        } else {
            settings.update(row);
        }
        providers.remove(tenant.id().value());
        audit.byCaller(caller, AuditAction.SSO_SETTINGS_CHANGED, null, Map.of("enabled", change.enabled(), "issuer", String.valueOf(issuer),
                "domains", String.join(",", domains), "secretChanged", secret != null, "mappings", mappings.size()));
        return view(tenant, row);
    }

    /** Reads the saved issuer's discovery document, for the admin to know before a man tries: 422 SSO_PROVIDER_UNUSABLE if it fails. */
    public Tested test(Caller caller) {
        SsoSettingsRow row = row();
        if (row == null || row.issuer() == null || row.clientId() == null) {
            throw new Refusal(Refusal.Kind.INVALID, ErrorCode.SSO_PROVIDER_UNUSABLE, "Save an issuer and a client id first");
        }
        try {
            requireCallable(URI.create(row.issuer()));
            OpenIdProvider.Discovered found = new OpenIdProvider(row.issuer(), row.clientId(), "", http, json, this::requireCallable).discovered();
            return new Tested(found.issuer(), found.authorizationEndpoint());
        } catch (Refusal refusal) {
            throw new Refusal(Refusal.Kind.INVALID, ErrorCode.SSO_PROVIDER_UNUSABLE, refusal.getMessage());
        }
    }

    /** For each man who signed in through the provider: the roles these mappings would give or take at his next sign-in. */
    public List<Preview> preview(Caller caller, List<RoleMapping> asked) {
        List<FieldError> errors = new ArrayList<>();
        List<RoleMapping> mappings = cleanMappings(asked, errors);
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        SsoSettingsRow row = row();
        if (row == null || row.issuer() == null) {
            return List.of();
        }
        List<SsoLinkRow> signedIn = links.findByIssuerOrderByLastSignedInDesc(row.issuer());
        List<UUID> ids = signedIn.stream().map(SsoLinkRow::personId).toList();
        Map<UUID, Set<Role>> roles = people.liveRoles(caller, ids);
        Map<UUID, People.Contact> contacts = people.contacts(ids);
        List<Preview> previews = new ArrayList<>();
        for (SsoLinkRow link : signedIn) {
            People.Contact contact = contacts.get(link.personId());
            if (contact == null) {
                continue;
            }
            Set<Role> held = roles.getOrDefault(link.personId(), Set.of());
            Set<Role> given = rolesOf(Arrays.asList(link.groups()), mappings);
            List<Role> gains = given.stream().filter(role -> !held.contains(role)).sorted().toList();
            List<Role> loses = roles(link.mappedRoles()).stream().filter(role -> held.contains(role) && !given.contains(role)).sorted().toList();
            previews.add(new Preview(link.personId(), contact.name(), contact.email(), List.of(link.groups()), gains, loses));
        }
        return previews;
    }

    /** Whether this address signs in through the organisation's provider. */
    public boolean signsInThroughProvider(ForTenant who, String email) {
        SsoSettingsRow row = row();
        return row != null && row.enabled() && row.issuer() != null && Arrays.asList(row.domains()).contains(domainOf(email));
    }

    /** 403 SSO_REQUIRED for a password sign-in of an address the provider signs in, unless he is the break-glass admin. */
    void requirePasswordAllowed(Tenant tenant, String email, @Nullable UUID person) {
        Optional<SsoSettingsRow> row = Optional.ofNullable(row()).filter(SsoSettingsRow::enabled);
        if (row.isPresent() && Arrays.asList(row.get().domains()).contains(domainOf(email))
                && (person == null || !person.equals(row.get().breakGlassAdminId()))) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.SSO_REQUIRED,
                    "Addresses at " + domainOf(email) + " sign in through " + tenant.name() + "'s own sign-in: use \"Continue\" with your address");
        }
    }

    /** The same for Google: an address of the organisation's domains signs in through its own provider. */
    void requirePasswordOrGoogleAllowed(Tenant tenant, PersonRow person) {
        requirePasswordAllowed(tenant, person.email(), person.id());
    }

    /** The settings in force, or empty when single sign-on is off. */
    Optional<Active> active(ForTenant who) {
        SsoSettingsRow row = row();
        if (row == null || !row.enabled() || row.issuer() == null || row.clientId() == null || row.sealedClientSecret() == null) {
            return Optional.empty();
        }
        UUID tenant = who.tenant().id().value();
        String fingerprint = row.issuer() + "\n" + row.clientId() + "\n" + row.sealedClientSecret();
        Kept kept = providers.get(tenant);
        if (kept == null || !kept.fingerprint().equals(fingerprint) || kept.at().plus(PROVIDER_KEPT).isBefore(clock.instant())) {
            requireCallable(URI.create(row.issuer()));
            String secret = cipher.open(row.sealedClientSecret(), secretAad(who.tenant()));
            kept = new Kept(fingerprint, new OpenIdProvider(row.issuer(), row.clientId(), secret, http, json, this::requireCallable), clock.instant());
            providers.put(tenant, kept);
        }
        return Optional.of(new Active(row.issuer(), row.clientId(), Set.copyOf(Arrays.asList(row.domains())), row.groupsClaim(),
                mappings(row.roleMappings()), row.breakGlassAdminId(), kept.provider()));
    }

    /**
     * Brings his roles in line with his groups: the roles the mapping gives and he lacks are granted; the roles the
     * mapping gave him before and no longer gives are taken away (never the organisation's last admin). A role an
     * admin granted by hand is never taken. Returns the roles the mapping holds for him now.
     */
    Set<Role> syncRoles(Tenant tenant, UUID person, Collection<String> groups, List<RoleMapping> mappings, Set<Role> mappedBefore) {
        Set<Role> given = rolesOf(groups, mappings);
        Set<Role> held = people.liveRoles(person);
        Set<Role> mappedNow = EnumSet.noneOf(Role.class);
        List<String> granted = new ArrayList<>();
        List<String> revoked = new ArrayList<>();
        for (Role role : given) {
            if (!held.contains(role)) {
                roleGrants.grant(tenant, person, role, null, null);
                granted.add(role.name());
                mappedNow.add(role);
            } else if (mappedBefore.contains(role)) {
                mappedNow.add(role);
            }
        }
        for (Role role : mappedBefore) {
            if (!given.contains(role) && held.contains(role)) {
                if (roleGrants.revokeUnlessLastAdmin(tenant, person, role)) {
                    revoked.add(role.name());
                } else {
                    mappedNow.add(role);
                }
            }
        }
        if (!granted.isEmpty() || !revoked.isEmpty()) {
            audit.record(AuditAction.SSO_ROLES_SYNCED, null, person, null, Map.of("granted", granted, "revoked", revoked));
        }
        return mappedNow;
    }

    static Set<Role> rolesOf(Collection<String> groups, List<RoleMapping> mappings) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (RoleMapping mapping : mappings) {
            if (groups.contains(mapping.group())) {
                roles.add(mapping.role());
            }
        }
        return roles;
    }

    static Set<Role> roles(String[] names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            roles.add(Role.valueOf(name));
        }
        return roles;
    }

    static String domainOf(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }

    /** The issuer is https, or http on this machine where the local run and the tests allow it; no query, no fragment. */
    Optional<String> issuerProblem(String issuer) {
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return Optional.of("must be an absolute URL, like https://login.example.org");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a query, a fragment or credentials");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean local = LOCAL_HOSTS.contains(host);
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return local && !localIssuers ? Optional.of("must be on the internet, not on this machine") : Optional.empty();
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && local) {
            return localIssuers ? Optional.empty() : Optional.of("must be https (http is taken only on localhost in a local run)");
        }
        return Optional.of("must be https (http is taken only on localhost in a local run)");
    }

    private static List<RoleMapping> cleanMappings(List<RoleMapping> given, List<FieldError> errors) {
        List<RoleMapping> mappings = new ArrayList<>();
        for (RoleMapping mapping : given) {
            if (mapping == null || mapping.role() == null || mapping.group() == null || mapping.group().isBlank() || mapping.group().length() > 200) {
                errors.add(new FieldError("roleMappings", "each mapping needs a group (at most 200 characters) and a role"));
            } else if (mapping.group().contains("=")) {
                errors.add(new FieldError("roleMappings", "a group name may not contain '='"));
            } else {
                RoleMapping clean = new RoleMapping(mapping.group().strip(), mapping.role());
                if (!mappings.contains(clean)) {
                    mappings.add(clean);
                }
            }
        }
        return mappings;
    }

    /**
     * Every URL the server calls for an organisation (its issuer, and the endpoints its discovery document names) is
     * https on the internet; http on this machine only where the local run allows it.
     */
    private void requireCallable(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean local = LOCAL_HOSTS.contains(host);
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !(localIssuers && local && "http".equalsIgnoreCase(uri.getScheme()))) {
            throw OpenIdProvider.failed("The provider's endpoint " + uri.getScheme() + "://" + host + " is not https");
        }
        requireReachable(host);
    }

    /** Outside the local run, the server does not fetch from its own network for an organisation (an admin could aim it at anything). */
    private void requireReachable(String host) {
        if (localIssuers) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                        || address.isMulticastAddress() || isUniqueLocal(address)) {
                    throw OpenIdProvider.failed("The provider's address is on a private network");
                }
            }
        } catch (UnknownHostException e) {
            throw OpenIdProvider.failed("The provider's host is unknown");
        }
    }

    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }

    private Optional<String> breakGlassProblem(Tenant tenant, UUID person) {
        Optional<PersonRow> row = people.find(person);
        if (row.isEmpty() || !PersonStatus.ACTIVE.name().equals(row.get().status())) {
            return Optional.of("must be an active admin of the organisation");
        }
        if (!people.liveRoles(person).contains(Role.ADMIN)) {
            return Optional.of("must be an admin: " + row.get().firstName() + " " + row.get().lastName() + " is not");
        }
        if (credentials.passwordHash(tenant.id().value(), person).isEmpty()) {
            return Optional.of("must have a password to sign in with when the provider is down: "
                    + row.get().firstName() + " " + row.get().lastName() + " has none");
        }
        return Optional.empty();
    }

    private SsoSettings view(Tenant tenant, @Nullable SsoSettingsRow row) {
        String redirect = publicLinks.to(tenant, CALLBACK_PATH);
        if (row == null) {
            return new SsoSettings(false, null, null, false, List.of(), "groups", List.of(), null, redirect, null);
        }
        return new SsoSettings(row.enabled(), row.issuer(), row.clientId(), row.sealedClientSecret() != null, List.of(row.domains()),
                row.groupsClaim(), mappings(row.roleMappings()), row.breakGlassAdminId(), redirect, row.updatedAt());
    }

    private static List<RoleMapping> mappings(String[] stored) {
        List<RoleMapping> mappings = new ArrayList<>();
        for (String pair : stored) {
            int at = pair.lastIndexOf('=');
            mappings.add(new RoleMapping(pair.substring(0, at), Role.valueOf(pair.substring(at + 1))));
        }
        return mappings;
    }

    @Nullable
    private SsoSettingsRow row() {
        return settings.findById(true).orElse(null);
    }

    static String secretAad(Tenant tenant) {
        return "sso-client-secret:" + tenant.id().value();
    }

    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static LinkedHashSet<String> groupsFrom(@Nullable Object claim) {
        LinkedHashSet<String> groups = new LinkedHashSet<>();
        if (claim instanceof Collection<?> many) {
            for (Object one : many) {
                if (one instanceof String name && !name.isBlank() && name.length() <= 200) {
                    groups.add(name);
                }
            }
        } else if (claim instanceof String one && !one.isBlank() && one.length() <= 200) {
            groups.add(one);
        }
        return groups;
    }
}
