package io.hearth.admin.operators.api;

import io.hearth.admin.operators.OperatorSignIn;
import io.hearth.admin.operators.Operators;
import io.hearth.kit.web.ClientAddresses;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** Operator sign-in: a password, then a second factor; a JWT signed with tenant-admin's own key. */
@Controller("/api/v1/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {

    public static final String ISSUER = "hearth-tenant-admin";

    private final OperatorSignIn signIn;
    private final ClientAddresses clients;
    private final TokenGenerator tokens;
    private final int expiresIn;

    public AuthController(OperatorSignIn signIn, TokenGenerator tokens, ClientAddresses clients,
                          @Value("${micronaut.security.token.jwt.generator.access-token.expiration:3600}") int expiresIn) {
        this.signIn = signIn;
        this.clients = clients;
        this.tokens = tokens;
        this.expiresIn = expiresIn;
    }

    @Post("/login")
    @Operation(summary = "Sign in as a platform operator", description = "The address is matched exactly (case aside). Answers the token "
            + "(accessToken) when no second factor is needed, else mfaRequired with a challenge for POST /api/v1/auth/login/mfa; an "
            + "operator without a second factor gets enrolment (the secret and its otpauth URI) to add to his authenticator first. "
            + "401 AUTHENTICATION_ERROR for a wrong address or password; 429 RATE_LIMITED (Retry-After) after repeated failures from "
            + "one address or for one account (lockouts double). Every attempt is audited.")
    public LoginResponse login(HttpRequest<?> http, @Body @Valid LoginRequest request) {
        OperatorSignIn.Outcome outcome = signIn.signIn(request.email(), request.password(), ip(http));
        if (outcome instanceof OperatorSignIn.SecondFactorNeeded needed) {
            return new LoginResponse(null, null, null, true, needed.challenge(), needed.expiresIn(), needed.enrolment());
        }
        return token(((OperatorSignIn.SignedIn) outcome).operator());
    }

    @Post("/login/mfa")
    @Operation(summary = "Sign in as a platform operator: the second factor", description = "The challenge from /login and the 6-digit code "
            + "of his authenticator (which enrols it, the first time). 401 MFA_CODE_INVALID for a wrong, reused or late code or a spent "
            + "challenge (five wrong codes spend it); 429 as for /login.")
    public LoginResponse secondFactor(HttpRequest<?> http, @Body @Valid MfaRequest request) {
        return token(signIn.confirm(request.challenge(), request.code(), ip(http)));
    }

    private LoginResponse token(Operators.Operator operator) {
        Authentication authentication = Authentication.build(operator.id().toString(), List.of("OPERATOR"),
                Map.of("email", operator.email(), "iss", ISSUER, "aud", ISSUER));
        String token = tokens.generateToken(authentication, expiresIn)
                .orElseThrow(() -> new IllegalStateException("no token could be signed"));
        return new LoginResponse(token, "Bearer", expiresIn, null, null, null, null);
    }

    private String ip(HttpRequest<?> request) {
        return clients.of(request);
    }

    @Schema(name = "LoginRequest")
    @Serdeable
    public record LoginRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 1000) String password) {
    }

    @Schema(name = "MfaRequest")
    @Serdeable
    public record MfaRequest(@NotBlank @Size(max = 100) String challenge, @NotBlank @Size(max = 20) String code) {
    }

    /** Either the token (accessToken, tokenType, expiresIn) or the second step (mfaRequired, challenge, challengeExpiresIn, enrolment). */
    @Schema(name = "LoginResponse")
    @Serdeable
    public record LoginResponse(@Nullable String accessToken, @Nullable String tokenType, @Nullable Integer expiresIn,
                                @Nullable Boolean mfaRequired, @Nullable String challenge, @Nullable Long challengeExpiresIn,
                                @Nullable OperatorSignIn.Enrolment enrolment) {
    }
}
