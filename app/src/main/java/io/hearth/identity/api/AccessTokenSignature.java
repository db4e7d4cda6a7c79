package io.hearth.identity.api;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.hearth.identity.AccessTokens;
import io.hearth.identity.SigningKeys;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Singleton;

/**
 * How micronaut-security-jwt checks an access token's signature: ES256 by one of our signing keys (the key list of
 * {@link SigningKeys}, so a rotated-out key stops at once), with the access-token type, so that a ticket or any
 * other token signed with the same keys is no access token.
 */
@Singleton
public final class AccessTokenSignature implements SignatureConfiguration {

    private final SigningKeys keys;

    public AccessTokenSignature(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only the ES256 algorithm is supported";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.ES256.equals(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) {
        return keys.verifies(jwt, AccessTokens.TYPE);
    }
}
