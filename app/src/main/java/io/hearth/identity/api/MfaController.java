package io.hearth.identity.api;

import io.hearth.identity.AllowedBeforeMfa;
import io.hearth.identity.Caller;
import io.hearth.identity.Mfa;
import io.hearth.identity.People;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.TenantBound;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Turning on the TOTP second factor. */
@TenantBound
@Controller("/api/v1/auth/mfa")
@ExecuteOn(TaskExecutors.BLOCKING)
@AllowedBeforeMfa
public class MfaController {

    private final Mfa mfa;
    private final People people;

    public MfaController(Mfa mfa, People people) {
        this.mfa = mfa;
        this.people = people;
    }

    @Schema(name = "MfaSetupResponse")
    @Serdeable
    public record SetupResponse(String secret, String otpauthUri, String qrCode) {
    }

    @Schema(name = "MfaVerifyRequest")
    @Serdeable
    public record VerifyRequest(@NotBlank @Size(max = 20) String code) {
    }

    @Schema(name = "MfaVerifyResponse")
    @Serdeable
    public record VerifyResponse(boolean mfaEnabled, List<String> recoveryCodes) {
    }

    @Post("/setup")
    @Operation(summary = "Start TOTP setup", description = "A new secret as an otpauth URI and a QR code (PNG data URI); MFA turns on with the first valid code.")
    public SetupResponse setup(Caller caller) {
        Mfa.Setup setup = mfa.setup(caller.tenant(), me(caller));
        return new SetupResponse(setup.secret(), setup.otpauthUri(), setup.qrCode());
    }

    @Post("/verify")
    @Operation(summary = "Turn TOTP on with a first code", description = "Answers the ten single-use recovery codes, shown this once.")
    public VerifyResponse verify(Caller caller, @Body @Valid VerifyRequest request) {
        return new VerifyResponse(true, mfa.enable(caller, me(caller), request.code()));
    }

    private PersonRow me(Caller caller) {
        return people.find(caller, caller.person()).orElseThrow(() -> Refusal.unauthorized("The account is gone"));
    }
}
