package io.hearth.identity.api;

import io.hearth.identity.SigningKeys;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Public;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;

import java.util.Map;

/** The public keys that verify Hearth's access tokens. */
@TenantBound
@Controller("/.well-known/jwks.json")
@Public
public class JwksController {

    private final SigningKeys keys;

    public JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @Get
    @Operation(summary = "JSON Web Key Set of the access-token signing keys")
    public HttpResponse<Map<String, Object>> jwks() {
        return HttpResponse.ok(keys.publicJwks()).header("Cache-Control", "public, max-age=300");
    }
}
