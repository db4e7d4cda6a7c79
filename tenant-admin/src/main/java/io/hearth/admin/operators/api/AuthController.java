package io.hearth.admin.operators.api;

import io.hearth.admin.operators.Operators;
import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.micronaut.context.annotation.Value;
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
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** Operator sign-in: a JWT signed with tenant-admin's own key. */
@Controller("/api/v1/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {

    static final String ISSUER = "hearth-tenant-admin";

    private final Operators operators;
    private final TokenGenerator tokens;
    private final int expiresIn;

    public AuthController(Operators operators, TokenGenerator tokens,
                          @Value("${micronaut.security.token.jwt.generator.access-token.expiration:3600}") int expiresIn) {
        this.operators = operators;
        this.tokens = tokens;
        this.expiresIn = expiresIn;
    }

    @Post("/login")
    @Operation(summary = "Sign in as a platform operator")
    public LoginResponse login(@Body @Valid LoginRequest request) {
        Operators.Operator operator = operators.authenticate(request.email(), request.password())
                .orElseThrow(() -> new Refusal(Refusal.Kind.UNAUTHENTICATED, CommonCode.AUTHENTICATION_ERROR, "Wrong email or password"));
        Authentication authentication = Authentication.build(operator.id().toString(), List.of("OPERATOR"),
                Map.of("email", operator.email(), "iss", ISSUER, "aud", ISSUER));
        String token = tokens.generateToken(authentication, expiresIn)
                .orElseThrow(() -> new IllegalStateException("no token could be signed"));
        return new LoginResponse(token, "Bearer", expiresIn);
    }

    @Serdeable
    public record LoginRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 1000) String password) {
    }

    @Serdeable
    public record LoginResponse(String accessToken, String tokenType, int expiresIn) {
    }
}
