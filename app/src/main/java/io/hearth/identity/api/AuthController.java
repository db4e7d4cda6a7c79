package io.hearth.identity.api;

import io.hearth.ErrorCode;
import io.hearth.identity.Caller;
import io.hearth.identity.GoogleSignIn;
import io.hearth.identity.MailThrottle;
import io.hearth.identity.OidcConfiguration;
import io.hearth.identity.OrganisationSettings;
import io.hearth.identity.Passwords;
import io.hearth.identity.People;
import io.hearth.identity.PersonStatus;
import io.hearth.identity.PersonView;
import io.hearth.identity.Role;
import io.hearth.identity.Sessions;
import io.hearth.identity.SignIn;
import io.hearth.identity.SignUp;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.kit.web.ClientAddresses;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Public;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Optional;

/** Signing up, in and out on an organisation's host. */
@TenantBound
@Controller("/api/v1/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {

    static final String REFRESH_COOKIE = "hearth_refresh";
    static final String REFRESH_COOKIE_PATH = "/api/v1/auth";
    /** The cookie that binds a single sign-on attempt to the browser that began it. */
    static final String SSO_COOKIE = "hearth_sso";
    static final String SSO_COOKIE_PATH = "/api/v1/auth/sso";

    private final SignUp signUp;
    private final io.hearth.identity.EmailChanges emailChanges;
    private final Passwords passwords;
    private final SignIn signIn;
    private final Sessions sessions;
    private final GoogleSignIn google;
    private final io.hearth.identity.SsoSignIn ssoSignIn;
    private final io.hearth.identity.OrganisationSso sso;
    private final People people;
    private final OidcConfiguration oidc;
    private final MailThrottle mailThrottle;
    private final ClientAddresses clients;
    private final boolean secureCookie;

    public AuthController(SignUp signUp, io.hearth.identity.EmailChanges emailChanges, Passwords passwords, SignIn signIn, Sessions sessions, GoogleSignIn google,
                          io.hearth.identity.SsoSignIn ssoSignIn, io.hearth.identity.OrganisationSso sso,
                          People people, OidcConfiguration oidc, MailThrottle mailThrottle, ClientAddresses clients,
                          @Property(name = "hearth.identity.refresh-cookie-secure") boolean secureCookie) {
        this.mailThrottle = mailThrottle;
        this.clients = clients;
        this.signUp = signUp;
        this.emailChanges = emailChanges;
        this.passwords = passwords;
        this.signIn = signIn;
        this.sessions = sessions;
        this.google = google;
        this.ssoSignIn = ssoSignIn;
        this.sso = sso;
        this.people = people;
        this.oidc = oidc;
        this.secureCookie = secureCookie;
    }

    @Schema(name = "SignUpRequest")
    @Serdeable
    public record RegisterRequest(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 1000) String password,
                                  @NotBlank @Size(max = 100) String firstName, @NotBlank @Size(max = 100) String lastName,
                                  @Nullable @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an international number such as +447700900123") String phone) {
    }

    @Schema(name = "AcceptInvitationRequest")
    @Serdeable
    public record AcceptInvitationRequest(@NotBlank @Size(max = 1000) String password, @NotBlank @Size(max = 100) String firstName,
                                          @NotBlank @Size(max = 100) String lastName) {
    }

    @Schema(name = "LoginRequest")
    @Serdeable
    public record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1000) String password) {
    }

    @Schema(name = "MfaLoginRequest")
    @Serdeable
    public record MfaLoginRequest(@NotBlank @Size(max = 200) String challenge, @NotBlank @Size(max = 20) String code) {
    }

    @Schema(name = "RefreshRequest")
    @Serdeable
    public record RefreshRequest(@Nullable @Size(max = 200) String refreshToken) {
    }

    @Schema(name = "TokenRequest")
    @Serdeable
    public record TokenRequest(@NotBlank @Size(max = 200) String token) {
    }

    @Schema(name = "PasswordResetRequest")
    @Serdeable
    public record PasswordResetRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    @Schema(name = "PasswordResetConfirmRequest")
    @Serdeable
    public record PasswordResetConfirmRequest(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 1000) String password) {
    }

    @Schema(name = "ChangePasswordRequest")
    @Serdeable
    public record ChangePasswordRequest(@NotBlank @Size(max = 1000) String currentPassword, @NotBlank @Size(max = 1000) String newPassword) {
    }

    /**
     * Tokens for a signed-in session. The refresh token is always set as the HttpOnly {@code hearth_refresh} cookie;
     * it is in the body ({@code refreshToken}) only for a client that asks with {@value #REFRESH_TOKEN_HEADER}:
     * {@code body}, or that sent its refresh token in the body: script in a page can never read it.
     */
    @Schema(name = "TokenResponse")
    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record TokenResponse(String accessToken, String tokenType, long expiresIn, @Nullable String refreshToken, long refreshExpiresIn) {
    }

    /** A non-browser client sends this header with the value {@code body} to get the refresh token in the answer. */
    public static final String REFRESH_TOKEN_HEADER = "Hearth-Refresh-Token";

    @Serdeable
    public record ChallengeResponse(boolean mfaRequired, String challenge, long expiresIn) {
    }

    @Schema(name = "AccountResponse")
    @Serdeable
    public record AccountResponse(PersonView person, String detail) {
    }

    /** What a sign-in or sign-up screen needs to know before anyone is signed in. */
    @Schema(name = "SignInOptions")
    @Serdeable
    public record SignInOptions(OrganisationSettings.RegistrationMode registrationMode, boolean googleSignIn,
                                @Schema(description = "This address's domain signs in through the organisation's own provider: send him to /api/v1/auth/sso/start") boolean sso) {
    }

    @Get("/options{?email}")
    @Public
    @Operation(summary = "How people join and sign in here", description = "The registration mode (OPEN or APPROVAL), whether sign-in with Google is on, "
            + "and, given an address, whether it signs in through the organisation's own provider (by its domain; it tells nothing of accounts).")
    public SignInOptions options(@Parameter(hidden = true) Tenant tenant, @Nullable @QueryValue @Size(max = 254) String email) {
        boolean throughProvider = email != null && email.contains("@") && sso.signsInThroughProvider(tenant, email);
        return new SignInOptions(people.settings(tenant).registrationMode(), oidc.enabled(), throughProvider);
    }

    @Post("/register")
    @Public
    @Operation(summary = "Register an account", description = "202 with the same answer whether or not the address has an account, so "
            + "registration does not tell: a new account waits for its address to be verified by the link mailed to it; the owner of an "
            + "existing one is mailed that someone tried. 429 with Retry-After over the mail limits (per address and per client, per hour).")
    public HttpResponse<RegistrationResponse> register(@Parameter(hidden = true) Tenant tenant, @Body @Valid RegisterRequest request, HttpRequest<?> http) {
        mailThrottle.admit(tenant, request.email(), clients.of(http));
        signUp.register(tenant, request.email(), request.password(), request.firstName(), request.lastName(), request.phone(), clients.of(http));
        return HttpResponse.accepted().body(new RegistrationResponse("Check your inbox: follow the link we sent to confirm your email address"));
    }

    @Schema(name = "RegistrationResponse")
    @Serdeable
    public record RegistrationResponse(String detail) {
    }

    @Post("/verify-email")
    @Public
    @Operation(summary = "Confirm an email address with the token from the mailed link")
    public AccountResponse verifyEmail(@Parameter(hidden = true) Tenant tenant, @Body @Valid TokenRequest request, HttpRequest<?> http) {
        PersonRow person = signUp.verifyEmail(tenant, request.token(), clients.of(http));
        String detail = PersonStatus.ACTIVE.name().equals(person.status()) ? "Your address is confirmed: you can sign in"
                : "Your address is confirmed: an administrator will approve your account";
        return new AccountResponse(person.view(java.util.Set.of(Role.MEMBER)), detail);
    }

    @Post("/email-change")
    @Public
    @Operation(summary = "Carry out an address change with the token from the link mailed to the new address",
            description = "200: the account uses the new address, confirmed, and the old one is told. 410 TOKEN_INVALID for a link unknown, "
                    + "used, replaced or expired; 409 EMAIL_TAKEN when the address got an account meanwhile.")
    public AccountResponse changeEmail(@Parameter(hidden = true) Tenant tenant, @Body @Valid TokenRequest request, HttpRequest<?> http) {
        PersonRow person = emailChanges.confirm(tenant, request.token(), clients.of(http));
        return new AccountResponse(person.view(java.util.Set.of()), "Your account now uses " + person.email());
    }

    @Post("/invitations/{token}/accept")
    @Public
    @Operation(summary = "Join through an invitation", description = "201 with the new account; 404 for an unknown link, 410 for a used or expired one.")
    public HttpResponse<AccountResponse> acceptInvitation(@Parameter(hidden = true) Tenant tenant, @PathVariable @Size(max = 200) String token,
                                                          @Body @Valid AcceptInvitationRequest request, HttpRequest<?> http) {
        PersonRow person = signUp.acceptInvitation(tenant, token, request.password(), request.firstName(), request.lastName(), clients.of(http));
        return HttpResponse.created(new AccountResponse(person.view(java.util.Set.of()), "Welcome: you can sign in now"));
    }

    @Post("/login")
    @Public
    @Operation(summary = "Sign in with email and password", description = "200 with tokens, or with mfaRequired and a challenge when two-factor authentication is on. "
            + "The refresh token is set as the HttpOnly hearth_refresh cookie; a non-browser client sends 'Hearth-Refresh-Token: body' to get it in the body too. "
            + "403 SSO_REQUIRED for an address of a domain the organisation signs in through its own provider (but its break-glass admin).")
    public HttpResponse<?> login(@Parameter(hidden = true) Tenant tenant, @Body @Valid LoginRequest request, HttpRequest<?> http) {
        return outcome(signIn.withPassword(tenant, request.email(), request.password(), clients.of(http), userAgent(http)), http);
    }

    private HttpResponse<?> outcome(SignIn.Outcome outcome, HttpRequest<?> http) {
        if (outcome instanceof SignIn.Outcome.Challenge challenge) {
            return HttpResponse.ok(new ChallengeResponse(true, challenge.challenge(), challenge.expiresIn()));
        }
        return tokens(((SignIn.Outcome.Session) outcome).issued(), asksForTheTokenInTheBody(http));
    }

    @Get("/oidc/google/start")
    @Public
    @Operation(summary = "Start sign-in with Google", description = "302 to Google's authorization endpoint (authorization code flow with PKCE).")
    public HttpResponse<?> googleStart(@Parameter(hidden = true) Tenant tenant) {
        return HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, google.start(tenant).toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get("/oidc/google/callback{?code,state,error}")
    @Public
    @Operation(summary = "Google's redirect back", description = "200 with tokens (or an MFA challenge) for the linked person; 401/403 OIDC_FAILED otherwise.")
    public HttpResponse<?> googleCallback(@Parameter(hidden = true) Tenant tenant, @Nullable @QueryValue @Size(max = 2000) String code, @Nullable @QueryValue @Size(max = 200) String state,
                                          @Nullable @QueryValue @Size(max = 200) String error, HttpRequest<?> http) {
        if (error != null || code == null || state == null) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, ErrorCode.OIDC_FAILED,
                    error != null ? "Google did not sign you in: " + error : "The callback needs code and state");
        }
        return cameBack(google.complete(tenant, code, state, clients.of(http), userAgent(http)), http);
    }

    /** Where a provider's sign-in ends: a browser goes on to the app (or its second step) with the session in its cookie; an API client gets tokens. */
    private HttpResponse<?> cameBack(SignIn.Outcome outcome, HttpRequest<?> http) {
        if (wantsPage(http)) {
            // A browser came back from the provider: the session is in the refresh cookie, and the PWA picks it up at /.
            if (outcome instanceof SignIn.Outcome.Challenge challenge) {
                return HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/signin?challenge="
                        + java.net.URLEncoder.encode(challenge.challenge(), java.nio.charset.StandardCharsets.UTF_8)).header(HttpHeaders.CACHE_CONTROL, "no-store");
            }
            MutableHttpResponse<?> page = HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/").header(HttpHeaders.CACHE_CONTROL, "no-store");
            Sessions.Issued issued = ((SignIn.Outcome.Session) outcome).issued();
            page.cookie(refreshCookie(issued.refreshToken(), issued.refreshExpiresIn()));
            return page;
        }
        return outcome(outcome, http);
    }

    @Get("/sso/start{?email}")
    @Public
    @Operation(summary = "Start sign-in through the organisation's own provider (identity first)",
            description = "302 to the provider's authorization endpoint for this address (code flow with PKCE S256, state and nonce; login_hint is the address). "
                    + "404 SSO_NOT_CONFIGURED when the address's domain does not sign in through a provider here; 422 without an address; "
                    + "429 with Retry-After over 30 attempts a minute from one client. A browser (Accept text/html) is sent to /signin?sso-error=CODE instead.")
    public HttpResponse<?> ssoStart(@Parameter(hidden = true) Tenant tenant, @Nullable @QueryValue @Size(max = 254) String email, HttpRequest<?> http) {
        try {
            if (email == null || !email.contains("@")) {
                throw Refusal.invalid("email", "give the address you sign in with");
            }
            io.hearth.identity.SsoSignIn.Started started = ssoSignIn.start(tenant, email, clients.of(http));
            MutableHttpResponse<?> redirect = HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, started.authorization().toString())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
            // Binds the attempt to this browser: the callback of a browser must bring it back (Lax: the provider's redirect is a top-level GET).
            redirect.cookie(Cookie.of(SSO_COOKIE, started.browserBinding()).path(SSO_COOKIE_PATH).httpOnly(true).secure(secureCookie)
                    .sameSite(SameSite.Lax).maxAge(600));
            return redirect;
        } catch (Refusal refusal) {
            return backToSignIn(refusal, http);
        }
    }

    /** A browser navigating is not left on a JSON page: the sign-in page says what went wrong. An API client gets the problem. */
    private static HttpResponse<?> backToSignIn(Refusal refusal, HttpRequest<?> http) {
        if (!wantsPage(http)) {
            throw refusal;
        }
        return HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.CACHE_CONTROL, "no-store").header(HttpHeaders.LOCATION,
                "/signin?sso-error=" + java.net.URLEncoder.encode(refusal.code().name(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Get("/sso/callback{?code,state,error,error_description}")
    @Public
    @Operation(summary = "The organisation's provider's redirect back",
            description = "A browser (Accept text/html) is sent to / with the session in its refresh cookie, to /signin?challenge= for his second factor, "
                    + "or to /signin?sso-error=CODE when it failed. An API client gets 200 with tokens (or an MFA challenge), or the problem: 401 OIDC_FAILED "
                    + "(unknown or used state, a token that does not verify), 403 OIDC_FAILED (an address the provider has not verified, or not of the "
                    + "organisation's domains), 403 ACCOUNT_PENDING_APPROVAL (a new man, where the organisation approves its members).")
    public HttpResponse<?> ssoCallback(@Parameter(hidden = true) Tenant tenant, @Nullable @QueryValue @Size(max = 2000) String code,
                                       @Nullable @QueryValue @Size(max = 200) String state, @Nullable @QueryValue @Size(max = 200) String error,
                                       @Nullable @QueryValue("error_description") @Size(max = 1000) String errorDescription, HttpRequest<?> http) {
        try {
            if (error != null || code == null || state == null) {
                throw new Refusal(Refusal.Kind.UNAUTHENTICATED, ErrorCode.OIDC_FAILED,
                        error != null ? "Your provider did not sign you in: " + error + (errorDescription == null ? "" : " (" + errorDescription + ")")
                                : "The callback needs code and state");
            }
            String binding = http.getCookies().findCookie(SSO_COOKIE).map(Cookie::getValue).orElse(null);
            return cameBack(ssoSignIn.complete(tenant, code, state, wantsPage(http), binding, clients.of(http), userAgent(http)), http);
        } catch (Refusal refusal) {
            return backToSignIn(refusal, http);
        }
    }

    /** A browser navigating (it asks for HTML first), as opposed to an API client asking for JSON. */
    private static boolean wantsPage(HttpRequest<?> http) {
        String accept = http.getHeaders().get(HttpHeaders.ACCEPT);
        return accept != null && accept.startsWith("text/html");
    }

    @Post("/login/mfa")
    @Public
    @Operation(summary = "Second step of sign-in: the challenge and a TOTP or recovery code")
    public HttpResponse<TokenResponse> loginMfa(@Parameter(hidden = true) Tenant tenant, @Body @Valid MfaLoginRequest request, HttpRequest<?> http) {
        return tokens(signIn.withSecondFactor(tenant, request.challenge(), request.code(), clients.of(http), userAgent(http)), asksForTheTokenInTheBody(http));
    }

    @Post("/refresh")
    @Public
    @Operation(summary = "Trade a refresh token (body or cookie) for new tokens", description = "A refresh token works once; presenting a used one ends its session (401 REFRESH_TOKEN_REUSED).")
    public HttpResponse<TokenResponse> refresh(@Parameter(hidden = true) Tenant tenant, @Body @Valid Optional<RefreshRequest> request, HttpRequest<?> http) {
        String token = refreshToken(request, http).orElseThrow(() -> new Refusal(Refusal.Kind.UNAUTHENTICATED, ErrorCode.TOKEN_INVALID,
                "Give the refresh token in the body or the " + REFRESH_COOKIE + " cookie"));
        boolean sentInTheBody = request.map(RefreshRequest::refreshToken).filter(given -> !given.isBlank()).isPresent();
        return tokens(sessions.refresh(tenant, token, userAgent(http), clients.of(http)), sentInTheBody || asksForTheTokenInTheBody(http));
    }

    @Post("/logout")
    @Public
    @Operation(summary = "End the session of the refresh token (body or cookie) or of the access token", description = "204, also when it had ended already.")
    public HttpResponse<?> logout(@Parameter(hidden = true) Tenant tenant, @Body @Valid Optional<RefreshRequest> request, HttpRequest<?> http, @Nullable Authentication signedIn) {
        Optional<java.util.UUID> session = refreshToken(request, http).flatMap(token -> sessions.sessionOf(tenant, token))
                .or(() -> Optional.ofNullable(signedIn).map(token -> java.util.UUID.fromString(String.valueOf(token.getAttributes().get("sid")))));
        session.ifPresent(id -> sessions.end(tenant, id));
        MutableHttpResponse<?> response = HttpResponse.noContent();
        response.cookie(Cookie.of(REFRESH_COOKIE, "").path(REFRESH_COOKIE_PATH).httpOnly(true).secure(secureCookie)
                .sameSite(SameSite.Strict).maxAge(0));
        return response;
    }

    @Post("/password-reset")
    @Public
    @Operation(summary = "Mail a password reset link", description = "Always 202, at once, so neither the answer nor its time tells whether "
            + "the address has an account: the link is made and mailed after the answer. 429 with Retry-After over the mail limits.")
    public HttpResponse<?> requestPasswordReset(@Parameter(hidden = true) Tenant tenant, @Body @Valid PasswordResetRequest request, HttpRequest<?> http) {
        mailThrottle.admit(tenant, request.email(), clients.of(http));
        passwords.requestPasswordResetAfterAnswering(tenant, request.email());
        return HttpResponse.accepted();
    }

    @Post("/password-reset/confirm")
    @Public
    @Operation(summary = "Set a new password with the token from the reset link", description = "204; every session of the person ends.")
    public HttpResponse<?> resetPassword(@Parameter(hidden = true) Tenant tenant, @Body @Valid PasswordResetConfirmRequest request, HttpRequest<?> http) {
        passwords.resetPassword(tenant, request.token(), request.password(), clients.of(http));
        return HttpResponse.noContent();
    }

    @Post("/password")
    @Operation(summary = "Change the signed-in person's password", description = "204; his other sessions end.")
    public HttpResponse<?> changePassword(Caller caller, @Body @Valid ChangePasswordRequest request) {
        passwords.changePassword(caller, request.currentPassword(), request.newPassword());
        return HttpResponse.noContent();
    }

    private HttpResponse<TokenResponse> tokens(Sessions.Issued issued, boolean refreshTokenInTheBody) {
        MutableHttpResponse<TokenResponse> response = HttpResponse.ok(new TokenResponse(issued.accessToken(), "Bearer", issued.expiresIn(),
                refreshTokenInTheBody ? issued.refreshToken() : null, issued.refreshExpiresIn()));
        response.cookie(refreshCookie(issued.refreshToken(), issued.refreshExpiresIn()));
        response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        return response;
    }

    private static boolean asksForTheTokenInTheBody(HttpRequest<?> http) {
        return "body".equalsIgnoreCase(http.getHeaders().get(REFRESH_TOKEN_HEADER));
    }

    private Cookie refreshCookie(String value, long maxAge) {
        return Cookie.of(REFRESH_COOKIE, value).path(REFRESH_COOKIE_PATH).httpOnly(true).secure(secureCookie).sameSite(SameSite.Strict).maxAge(maxAge);
    }

    private static Optional<String> refreshToken(Optional<RefreshRequest> request, HttpRequest<?> http) {
        return request.map(RefreshRequest::refreshToken).filter(token -> !token.isBlank())
                .or(() -> http.getCookies().findCookie(REFRESH_COOKIE).map(Cookie::getValue).filter(value -> !value.isBlank())
                        .map(cookie -> sameSite(http, cookie)));
    }

    /**
     * The cookie is the browser's, sent whatever page asks: it counts only when the page that asks is this
     * organisation's own (its Origin, or Sec-Fetch-Site where a browser sends no Origin). SameSite=Strict says the same;
     * this does not rest on every browser honouring it. A client that is no browser sends neither header.
     */
    private static String sameSite(HttpRequest<?> http, String cookie) {
        String origin = http.getHeaders().get("Origin");
        String host = http.getHeaders().get(HttpHeaders.HOST);
        boolean foreign;
        if (origin != null) {
            java.net.URI uri;
            try {
                uri = java.net.URI.create(origin);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            // Host names only: a proxy may add or drop the port in Host, and the organisation is its host name either way.
            String originHost = uri == null ? null : uri.getHost();
            String ownHost = host == null ? null : host.trim().replaceFirst(":\\d+$", "");
            foreign = originHost == null || ownHost == null || !originHost.equalsIgnoreCase(ownHost);
        } else {
            String site = http.getHeaders().get("Sec-Fetch-Site");
            foreign = site != null && !site.equals("same-origin") && !site.equals("none");
        }
        if (foreign) {
            throw Refusal.forbidden("The session cookie is only taken from this organisation's own pages");
        }
        return cookie;
    }

    private static String userAgent(HttpRequest<?> http) {
        String agent = http.getHeaders().get(HttpHeaders.USER_AGENT);
        return agent == null ? null : agent.substring(0, Math.min(agent.length(), 300));
    }
}
