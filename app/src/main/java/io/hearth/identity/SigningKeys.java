package io.hearth.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import io.hearth.crypto.KeyList;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.ECPoint;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ES256 (P-256) keys access tokens are signed with, from {@code hearth.identity.signing-keys}
 * ({@code HEARTH_IDENTITY_SIGNING_KEYS}): {@code "kid:base64(PKCS#8 private key),..."}. The first signs; all of
 * them verify and are published at {@code /.well-known/jwks.json}. To rotate, put a new key first and drop the
 * old one once the longest access token signed with it has expired.
 */
@Singleton
public class SigningKeys {

    private final ECKey active;
    private final Map<String, ECKey> all = new LinkedHashMap<>();

    public SigningKeys(@Property(name = "hearth.identity.signing-keys") String setting) {
        KeyList list = KeyList.parse(setting, "hearth.identity.signing-keys (HEARTH_IDENTITY_SIGNING_KEYS)");
        list.keys().forEach((id, pkcs8) -> all.put(id, toJwk(id, pkcs8)));
        this.active = all.get(list.activeId());
    }

    public String activeKeyId() {
        return active.getKeyID();
    }

    private ECDSASigner signer() {
        try {
            return new ECDSASigner(active);
        } catch (JOSEException e) {
            throw new IllegalStateException("the active signing key cannot sign", e);
        }
    }

    private Optional<ECDSAVerifier> verifier(String keyId) {
        ECKey key = keyId == null ? null : all.get(keyId);
        if (key == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ECDSAVerifier(key.toECPublicKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing key " + keyId + " cannot verify", e);
        }
    }

    /** Signs any claims with the active key (ES256, with its kid): for tokens other features issue, such as tickets. */
    public String sign(com.nimbusds.jwt.JWTClaimsSet claims, String type) {
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(activeKeyId()).type(new com.nimbusds.jose.JOSEObjectType(type)).build(), claims);
        try {
            jwt.sign(signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
        return jwt.serialize();
    }

    /** The claims of a token signed by one of these keys with the given type; empty for anything else. */
    public Optional<com.nimbusds.jwt.JWTClaimsSet> verified(String token, String type) {
        try {
            com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(token);
            return verifies(jwt, type) ? Optional.of(jwt.getJWTClaimsSet()) : Optional.empty();
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    /** Whether the token is ES256 with the given type ({@code typ}) and signed by one of these keys. */
    public boolean verifies(com.nimbusds.jwt.SignedJWT jwt, String type) {
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getType() == null
                || !type.equals(jwt.getHeader().getType().getType())) {
            return false;
        }
        Optional<ECDSAVerifier> verifier = verifier(jwt.getHeader().getKeyID());
        try {
            return verifier.isPresent() && jwt.verify(verifier.get());
        } catch (JOSEException e) {
            return false;
        }
    }

    /** The public half of every key, as a JWK Set. */
    public Map<String, Object> publicJwks() {
        List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
        all.values().forEach(key -> keys.add(key.toPublicJWK()));
        return new JWKSet(keys).toJSONObject(true);
    }

    private static ECKey toJwk(String id, byte[] pkcs8) {
        try {
            ECPrivateKey privateKey = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            if (privateKey.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalStateException("signing key " + id + " is not a P-256 key");
            }
            ECNamedCurveParameterSpec spec = ECNamedCurveTable.getParameterSpec("secp256r1");
            ECPoint q = spec.getG().multiply(privateKey.getS()).normalize();
            ECPublicKey publicKey = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                    new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
                    privateKey.getParams()));
            return new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey).keyID(id)
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("signing key " + id + " is not a PKCS#8 EC private key", e);
        }
    }
}
