package io.hearth.identity.api;

import io.hearth.identity.Caller;
import io.hearth.identity.PhoneVerification;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
import java.time.Duration;
import jakarta.validation.constraints.Pattern;

/** Verifying the signed-in person's phone number by a code sent in a text message. */
@TenantBound
@Controller("/api/v1/auth/verify-phone")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PhoneController {

    private final PhoneVerification verification;

    public PhoneController(PhoneVerification verification) {
        this.verification = verification;
    }

    @Schema(name = "VerifyPhoneRequest")
    @Serdeable
    public record VerifyPhoneRequest(@NotBlank @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an international number such as +447700900123") String phone,
                                     @Nullable @Pattern(regexp = "[0-9]{6}", message = "must be the 6 digits from the text message") String code) {
    }

    @Serdeable
    public record CodeSent(String phone, long expiresIn) {
    }

    @Serdeable
    public record PhoneVerified(String phone, boolean phoneVerified) {
    }

    @Post
    @Operation(summary = "Verify a phone number", description = "Without code: texts a 6-digit code (202). With the code: confirms the number (200).")
    public HttpResponse<?> verify(Caller caller, @Body @Valid VerifyPhoneRequest request) {
        if (request.code() == null) {
            Duration lasts = verification.sendCode(caller, request.phone());
            return HttpResponse.accepted().body(new CodeSent(request.phone(), lasts.toSeconds()));
        }
        verification.confirm(caller, request.phone(), request.code());
        return HttpResponse.ok(new PhoneVerified(request.phone(), true));
    }
}
